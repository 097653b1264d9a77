package quantmini.download;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.QuantminiException;
import quantmini.core.progress.ProgressListener;
import quantmini.core.validation.DateRange;
import quantmini.core.validation.LakeLayer;
import quantmini.core.validation.LayerReport;
import quantmini.core.validation.LayerReportBuilder;
import quantmini.storage.LakeLayout;
import quantmini.storage.LandingFileReader;
import quantmini.storage.LandingInventory;

/**
 * Checks landing ({@code quantmini validate --layer landing}): every landed file is a whole
 * flat file (gzip read to its end, the flat-file header), its size/ETag record ({@link
 * LandingRecord}) is there and agrees with it (size always; content MD5 where the ETag is one,
 * as S3 gives for objects uploaded in one part), and, when the source's catalog is given, the
 * source lists it with the same size and ETag and landing lacks none of the source's dates.
 *
 * <p>Without an explicit range the dates from the first to the last landed one are compared
 * with the source, so days published after the last download are not reported as missing.
 */
public final class LandingValidator {
    private static final Pattern MD5_ETAG = Pattern.compile("[0-9a-f]{32}");

    private final LakeLayout layout;

    public LandingValidator(LakeLayout layout) {
        this.layout = requireNonNull(layout, "layout is null");
    }

    /**
     * Checks landing and compares it with the source's list. A source that cannot be listed
     * gives a warning, not a finding.
     *
     * @param range the dates to check; an open end is the first (last) landed date
     */
    public LayerReport validate(DataType type, DateRange range, FlatFileCatalog catalog, ProgressListener progress) {
        requireNonNull(catalog, "catalog is null");
        return validate(type, range, Optional.of(catalog), "", progress);
    }

    /**
     * Checks landing alone; the report warns that dates missing from landing were not looked for.
     *
     * @param why why the source is not listed, for the warning
     */
    public LayerReport validateOffline(DataType type, DateRange range, String why, ProgressListener progress) {
        requireNonNull(why, "why is null");
        return validate(type, range, Optional.empty(), why, progress);
    }

    private LayerReport validate(DataType type, DateRange range, Optional<FlatFileCatalog> catalog, String offline,
            ProgressListener progress) {
        requireNonNull(type, "type is null");
        requireNonNull(range, "range is null");
        requireNonNull(progress, "progress is null");
        LayerReportBuilder report = new LayerReportBuilder(LakeLayer.LANDING, type, List.of("files", "bytes", "rows"));
        List<FlatFileKey> landed = new LandingInventory(layout).keys(type, range.first(), range.last());
        report.count("files", landed.size());
        if (landed.isEmpty() && (range.from().isEmpty() || range.to().isEmpty())) {
            return report.build();
        }
        // landed dates lie in the range, so these two are in order
        LocalDate first = range.from().orElseGet(() -> landed.get(0).date());
        LocalDate last = range.to().orElseGet(() -> landed.get(landed.size() - 1).date());
        Optional<Map<LocalDate, CatalogEntry>> listed = list(catalog, offline, type, first, last, report);

        progress.started("validate landing " + type.id(), landed.size(), -1);
        try {
            for (FlatFileKey key : landed) {
                Optional<LandingRecord> record = checkFile(key, report);
                listed.ifPresent(entries -> compareWithSource(key, record, Optional.ofNullable(entries.get(key.date())), report));
                progress.unitDone(key.toString(), true);
            }
        } finally {
            progress.finished();
        }
        listed.ifPresent(entries -> {
            for (CatalogEntry entry : entries.values()) {
                if (!landed.contains(entry.key())) {
                    report.add(entry.key().date().toString(), layout.relative(layout.landingFile(entry.key())),
                            "missing: the source lists " + entry.key().objectKey() + " but landing has no file for it");
                }
            }
        });
        return report.build();
    }

    /** The source's day files in the range by date; empty (with a warning) when the source is not or cannot be listed. */
    private Optional<Map<LocalDate, CatalogEntry>> list(Optional<FlatFileCatalog> catalog, String offline, DataType type,
            LocalDate first, LocalDate last, LayerReportBuilder report) {
        if (catalog.isEmpty()) {
            report.warn(offline + ": landing not compared with the source's list, so dates missing from landing are not checked");
            return Optional.empty();
        }
        try {
            Map<LocalDate, CatalogEntry> entries = new LinkedHashMap<>();
            for (CatalogEntry entry : catalog.get().list(type, first, last)) {
                entries.put(entry.key().date(), entry);
            }
            report.count("source files listed", entries.size());
            return Optional.of(entries);
        } catch (QuantminiException e) {
            report.warn("the source could not be listed, so dates missing from landing are not checked: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Checks the file and its record; returns the record, if it has one. */
    private Optional<LandingRecord> checkFile(FlatFileKey key, LayerReportBuilder report) {
        Path file = layout.landingFile(key);
        String date = key.date().toString();
        String name = layout.relative(file);
        Optional<LandingRecord> record = LandingRecord.read(file);
        try {
            long size = Files.size(file);
            report.count("bytes", size);
            if (record.isEmpty()) {
                report.add(date, name, "no size/ETag record beside it (" + LandingRecord.sidecarOf(file).getFileName()
                        + "): its download did not finish, the next download fetches it again");
            } else if (record.get().size() != size) {
                report.add(date, name, String.format("%d bytes where its record says %d", size, record.get().size()));
            }
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), md5)) {
                report.count("rows", LandingFileReader.countDataRows(in));
            }
            String etag = record.map(LandingRecord::etag).orElse("");
            String digest = HexFormat.of().formatHex(md5.digest());
            if (MD5_ETAG.matcher(etag).matches() && !etag.equals(digest)) {
                report.add(date, name, "content MD5 " + digest + " differs from the recorded ETag " + etag);
            }
        } catch (LandingFileReader.UnreadableFileException e) {
            report.add(date, name, "unreadable: " + e.getMessage());
        } catch (IOException e) {
            report.add(date, name, "cannot read: " + ErrorText.oneLine(e));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
        return record;
    }

    /** The source must still list the landed object, with the size and ETag it was fetched with. */
    private void compareWithSource(FlatFileKey key, Optional<LandingRecord> record, Optional<CatalogEntry> entry,
            LayerReportBuilder report) {
        String date = key.date().toString();
        String name = layout.relative(layout.landingFile(key));
        if (entry.isEmpty()) {
            report.add(date, name, "the source lists no object " + key.objectKey());
        } else if (record.isPresent() && (entry.get().size() != record.get().size() || !entry.get().etag().equals(record.get().etag()))) {
            report.add(date, name, String.format("the source's object (%d bytes, ETag %s) is not the one landed (%d bytes, ETag %s):"
                    + " republished since; the next download fetches it again", entry.get().size(), entry.get().etag(),
                    record.get().size(), record.get().etag()));
        }
    }
}
