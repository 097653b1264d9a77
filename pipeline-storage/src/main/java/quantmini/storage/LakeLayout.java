package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;

/**
 * Where everything lives under the data root (DESIGN.md §2). The one place that turns a data type
 * and a date into a path; no other class builds lake paths by hand.
 */
public final class LakeLayout {
    private final Path dataRoot;

    public LakeLayout(Path dataRoot) {
        this.dataRoot = requireNonNull(dataRoot, "dataRoot is null").toAbsolutePath().normalize();
    }

    public Path dataRoot() {
        return dataRoot;
    }

    /** {@code file} relative to the data root with {@code /} separators, as reports name files. */
    public String relative(Path file) {
        requireNonNull(file, "file is null");
        return dataRoot.relativize(file.toAbsolutePath().normalize()).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    /** {@code landing/polygon-s3/} */
    public Path landingRoot() {
        return dataRoot.resolve("landing").resolve("polygon-s3");
    }

    /** {@code landing/polygon-s3/{data_type}/} */
    public Path landingRoot(DataType type) {
        return landingRoot().resolve(type.id());
    }

    /** {@code landing/polygon-s3/{data_type}/YYYY/MM/YYYY-MM-DD.csv.gz}: a byte-exact copy of the object. */
    public Path landingFile(FlatFileKey key) {
        return landingRoot(key.dataType()).resolve(key.datePath());
    }

    /** {@code bronze/{data_type}/} */
    public Path bronzeRoot(DataType type) {
        return dataRoot.resolve("bronze").resolve(type.id());
    }

    /** {@code bronze/{data_type}/year=YYYY/month=MM/YYYY-MM-DD.parquet} */
    public Path bronzeFile(DataType type, LocalDate date) {
        return partition(bronzeRoot(type), date).resolve(date + ".parquet");
    }

    /** {@code silver/{data_type}/} */
    public Path silverRoot(DataType type) {
        return dataRoot.resolve("silver").resolve(type.id());
    }

    /** {@code silver/{data_type}/year=YYYY/month=MM/YYYY-MM-DD.parquet} */
    public Path silverFile(DataType type, LocalDate date) {
        return partition(silverRoot(type), date).resolve(date + ".parquet");
    }

    /** {@code <layer root>/year=YYYY/month=MM/}: the Hive partition a date belongs to. */
    public static Path partition(Path layerRoot, LocalDate date) {
        return layerRoot.resolve(String.format("year=%04d", date.getYear()))
                .resolve(String.format("month=%02d", date.getMonthValue()));
    }

    /** {@code <partition>/month.parquet}: a closed month's compacted file. */
    public static Path compactedMonthFile(Path layerRoot, LocalDate anyDayOfMonth) {
        return partition(layerRoot, anyDayOfMonth).resolve("month.parquet");
    }

    /** {@code gold/qlib/{data_type}/}: one Qlib provider_uri. */
    public Path qlibRoot(DataType type) {
        return dataRoot.resolve("gold").resolve("qlib").resolve(type.id());
    }

    /** {@code metadata/{stocks|options}/} */
    public Path metadataRoot(DataType.AssetClass assetClass) {
        return dataRoot.resolve("metadata").resolve(assetClass.folderName());
    }

    /**
     * {@code metadata/{stocks|options}/.pending/}: notes of days whose ingest has begun and not
     * ended (see {@link #pendingIngestNote}).
     */
    public Path pendingIngestNotes(DataType.AssetClass assetClass) {
        return metadataRoot(assetClass).resolve(".pending");
    }

    /**
     * {@code metadata/{stocks|options}/.pending/{data_type}_YYYY-MM-DD}: there while the day's
     * ingest runs, from before its bronze file is replaced until its quarantine file and metadata
     * are written. One left behind means a run died in between: the day's bronze may be in place
     * while the rest is not.
     */
    public Path pendingIngestNote(DataType type, LocalDate date) {
        return pendingIngestNotes(type.assetClass()).resolve(type.id() + "_" + date);
    }

    /** {@code quarantine/{data_type}/YYYY-MM-DD.csv}: rejected rows with a reason column. */
    public Path quarantineFile(DataType type, LocalDate date) {
        return dataRoot.resolve("quarantine").resolve(type.id()).resolve(date + ".csv");
    }

    /** {@code archive/}: partitions moved out of the live lake, with manifests. */
    public Path archiveRoot() {
        return dataRoot.resolve("archive");
    }

    /** {@code archive/<layer>/<data_type>/}: the archived month partitions of one layer and type. */
    public Path archiveRoot(String layer, DataType type) {
        requireNonNull(layer, "layer is null");
        return archiveRoot().resolve(layer).resolve(type.id());
    }

    /** {@code archive/<layer>-<data_type>-YYYY-MM.json}: what one archived partition holds. */
    public Path archiveManifest(String layer, DataType type, YearMonth month) {
        requireNonNull(layer, "layer is null");
        return archiveRoot().resolve(layer + "-" + type.id() + "-" + month + ".json");
    }

    /** {@code tmp/}: spill files of external sorts; safe to delete when no run holds the lock. */
    public Path spillRoot() {
        return dataRoot.resolve("tmp");
    }

    /** {@code .quantmini.lock}: held by the run that writes the lake. */
    public Path lockFile() {
        return dataRoot.resolve(".quantmini.lock");
    }
}
