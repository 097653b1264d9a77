package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.Preconditions;
import quantmini.core.QuantminiException;
import quantmini.core.config.MinuteSession;
import quantmini.core.progress.ProgressListener;
import quantmini.storage.LakeLayout;

/**
 * Checks a gold tree against its input ({@code quantmini validate --layer gold}): the calendar is
 * sorted, unique and what the session implies; {@code all.txt}, the feature folders and the field
 * files agree; every {@code .bin} file has the length its instrument's span implies and its start
 * index first; every value equals the input after float32 rounding, NaN where the instrument has
 * no row. Reports every mismatch (up to a limit) with symbol, field and date instead of stopping
 * at the first.
 */
public final class GoldValidator {
    private static final DateTimeFormatter MINUTE_ENTRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final LakeLayout lake;
    private final GoldOptions options;
    private final Function<DataType, GoldInput> inputs;
    private final int maxFindings;

    public GoldValidator(LakeLayout lake, GoldOptions options) {
        this(lake, options, type -> ParquetGoldInput.open(lake, type, options.sourceLayer()), 10_000);
    }

    GoldValidator(LakeLayout lake, GoldOptions options, Function<DataType, GoldInput> inputs, int maxFindings) {
        this.lake = requireNonNull(lake, "lake is null");
        this.options = requireNonNull(options, "options is null");
        this.inputs = requireNonNull(inputs, "inputs is null");
        Preconditions.checkArgument(maxFindings > 0, "maxFindings must be positive: %s", maxFindings);
        this.maxFindings = maxFindings;
    }

    public GoldValidationReport validate(DataType type, ProgressListener progress) {
        requireNonNull(type, "type is null");
        requireNonNull(progress, "progress is null");
        Preconditions.checkArgument(GoldBuilder.SUPPORTED_TYPES.contains(type), "no Qlib gold tree for data type %s", type);
        Check check = new Check(type, progress);
        try {
            return check.run();
        } catch (IOException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "validating gold " + type.id() + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "validating gold " + type.id() + ": " + e.getCause().getMessage(), e);
        } finally {
            if (check.started) {
                progress.finished();
            }
        }
    }

    /** One validation run. */
    private final class Check {
        private final DataType type;
        private final ProgressListener progress;
        private final GoldTree tree;
        private final List<GoldFinding> findings = new ArrayList<>();
        private long leftOut;
        private long files;
        private long values;
        private boolean started;

        Check(DataType type, ProgressListener progress) {
            this.type = type;
            this.progress = progress;
            this.tree = new GoldTree(lake.qlibRoot(type), QlibFrequency.of(type));
        }

        GoldValidationReport run() throws IOException {
            Optional<QlibCalendar> calendar = checkCalendar();
            if (calendar.isEmpty()) {
                return report(0, 0);
            }
            QlibCalendar cal = calendar.get();
            Map<String, InstrumentSpan> spans = checkInstruments(cal);
            checkTickerMap(spans);
            checkFolders(spans);
            GoldInput input = inputs.apply(type);
            List<InputDay> days = inputDays(input, cal);
            progress.started("validate gold " + type.id(), days.isEmpty() ? 0 : input.tickers(days).size(), -1);
            started = true;
            List<String> columns = input.numericColumns(days);
            List<String> fields = options.fields().resolve(columns);
            SeriesAssembler assembler = new SeriesAssembler(type, cal, fields, columns.contains("vwap"));
            Set<String> covered = new HashSet<>();
            long[] skipped = new long[1];
            try {
                input.scan(days, assembler.inputColumns(), bars -> {
                    progress.rowsDone(bars.size());
                    Optional<InstrumentSeries> series = assembler.assemble(bars, Double.NaN, skipped);
                    progress.unitDone(bars.ticker(), true);
                    series.ifPresent(s -> {
                        covered.add(s.name().instrument());
                        try {
                            checkSeries(s, spans.get(s.name().instrument()), cal);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            for (InstrumentSpan span : spans.values()) {
                if (!covered.contains(span.name().instrument())) {
                    add(GoldFinding.Kind.INSTRUMENTS, symbol(span.name()), "", "", "listed in all.txt but has no row in the input");
                }
            }
            checkFieldFiles(spans, fields);
            return report(spans.size(), cal.size());
        }

        /** The calendar file's entries: parseable, strictly ascending, and equal to what the session implies. */
        private Optional<QlibCalendar> checkCalendar() throws IOException {
            if (!Files.exists(tree.calendarFile())) {
                add(GoldFinding.Kind.CALENDAR, "", "", "", "no calendar file " + tree.calendarFile());
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(tree.calendarFile(), StandardCharsets.UTF_8);
            Set<LocalDate> dates = new TreeSet<>();
            List<LocalDateTime> entries = new ArrayList<>(lines.size());
            boolean broken = false;
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                try {
                    LocalDateTime entry = tree.frequency() == QlibFrequency.DAY
                            ? LocalDate.parse(line).atStartOfDay()
                            : LocalDateTime.parse(line, MINUTE_ENTRY);
                    if (!entries.isEmpty() && !entry.isAfter(entries.get(entries.size() - 1))) {
                        add(GoldFinding.Kind.CALENDAR, "", "", line, "line " + (n + 1) + " is not after the line before it");
                        broken = true;
                    }
                    entries.add(entry);
                    dates.add(entry.toLocalDate());
                } catch (DateTimeParseException e) {
                    add(GoldFinding.Kind.CALENDAR, "", "", line, "line " + (n + 1) + " is not a calendar entry");
                    broken = true;
                }
            }
            if (broken) {
                return Optional.empty();
            }
            MinuteSession session = tree.frequency() == QlibFrequency.DAY ? MinuteSession.REGULAR : options.minuteSession();
            QlibCalendar calendar = QlibCalendar.of(tree.frequency(), session, dates);
            if (calendar.size() != lines.size()) {
                add(GoldFinding.Kind.CALENDAR, "", "", "", String.format("%d entries where the %s session over its %d dates implies %d",
                        lines.size(), session, dates.size(), calendar.size()));
                return Optional.empty();
            }
            for (int i = 0; i < lines.size(); i++) {
                if (!calendar.entry(i).equals(lines.get(i))) {
                    add(GoldFinding.Kind.CALENDAR, "", "", lines.get(i), "entry " + i + " should be " + calendar.entry(i));
                    return Optional.empty();
                }
            }
            return Optional.of(calendar);
        }

        private Map<String, InstrumentSpan> checkInstruments(QlibCalendar calendar) throws IOException {
            Map<String, InstrumentSpan> spans = new HashMap<>();
            if (!Files.exists(tree.instrumentsFile())) {
                add(GoldFinding.Kind.INSTRUMENTS, "", "", "", "no instruments file " + tree.instrumentsFile());
                return spans;
            }
            List<String> lines = Files.readAllLines(tree.instrumentsFile(), StandardCharsets.UTF_8);
            String previous = null;
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                try {
                    InstrumentSpan span = InstrumentSpan.parseAll(line, type, calendar).get(0);
                    String instrument = span.name().instrument();
                    if (previous != null && instrument.compareTo(previous) <= 0) {
                        add(GoldFinding.Kind.INSTRUMENTS, instrument, "", "", "line " + (n + 1) + " is out of order or repeated");
                    }
                    previous = instrument;
                    spans.put(instrument, span);
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    add(GoldFinding.Kind.INSTRUMENTS, line.split("\t", 2)[0], "", "", "line " + (n + 1) + ": " + e.getMessage());
                }
            }
            return spans;
        }

        /** The ticker map lists exactly the escaped instruments of all.txt with their tickers. */
        private void checkTickerMap(Map<String, InstrumentSpan> spans) throws IOException {
            String expected = InstrumentSpan.renderTickerMap(spans.values());
            if (!Files.exists(tree.tickerMapFile())) {
                add(GoldFinding.Kind.INSTRUMENTS, "", "", "", "no ticker map " + tree.tickerMapFile());
                return;
            }
            Set<String> wanted = new LinkedHashSet<>(List.of(expected.split("\n")));
            wanted.remove("");
            Set<String> found = new LinkedHashSet<>(Files.readAllLines(tree.tickerMapFile(), StandardCharsets.UTF_8));
            for (String line : wanted) {
                if (!found.contains(line)) {
                    add(GoldFinding.Kind.INSTRUMENTS, line.split("\t")[0], "", "", "ticker_map.tsv lacks the line '" + line + "'");
                }
            }
            for (String line : found) {
                if (!wanted.contains(line)) {
                    add(GoldFinding.Kind.INSTRUMENTS, line.split("\t")[0], "", "", "ticker_map.tsv has a line of no escaped instrument: '"
                            + line + "'");
                }
            }
        }

        private void checkFolders(Map<String, InstrumentSpan> spans) throws IOException {
            Map<String, InstrumentSpan> byFolder = new HashMap<>();
            for (InstrumentSpan span : spans.values()) {
                byFolder.put(span.name().directory(), span);
            }
            Set<String> folders = new HashSet<>();
            if (Files.isDirectory(tree.featuresRoot())) {
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(tree.featuresRoot())) {
                    for (Path folder : stream) {
                        folders.add(folder.getFileName().toString());
                    }
                }
            }
            for (String folder : new TreeSet<>(folders)) {
                if (!byFolder.containsKey(folder)) {
                    add(GoldFinding.Kind.FOLDER, folder, "", "", "feature folder of no instrument in all.txt");
                }
            }
            for (Map.Entry<String, InstrumentSpan> entry : byFolder.entrySet()) {
                if (!folders.contains(entry.getKey())) {
                    add(GoldFinding.Kind.FOLDER, symbol(entry.getValue().name()), "", "", "no folder features/" + entry.getKey());
                }
            }
        }

        private void checkFieldFiles(Map<String, InstrumentSpan> spans, List<String> fields) throws IOException {
            Set<String> expected = new LinkedHashSet<>();
            for (String field : fields) {
                expected.add(tree.binFileName(field));
            }
            for (InstrumentSpan span : spans.values()) {
                Path folder = tree.instrumentFolder(span.name());
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
                    for (Path file : stream) {
                        if (!expected.contains(file.getFileName().toString())) {
                            add(GoldFinding.Kind.FILE, symbol(span.name()), "", "", "unexpected file " + file.getFileName());
                        }
                    }
                }
            }
        }

        private List<InputDay> inputDays(GoldInput input, QlibCalendar calendar) throws IOException {
            Map<LocalDate, InputDay> available = new HashMap<>();
            for (InputDay day : input.days()) {
                available.put(day.date(), day);
            }
            List<InputDay> days = new ArrayList<>();
            for (LocalDate date : calendar.dates()) {
                InputDay day = available.get(date);
                if (day == null) {
                    add(GoldFinding.Kind.INPUT, "", "", date.toString(), "the " + input.layerName() + " input has no file for this date");
                } else {
                    days.add(day);
                }
            }
            return days;
        }

        /** Compares one instrument's files with the values its input rows imply. */
        private void checkSeries(InstrumentSeries expected, InstrumentSpan listed, QlibCalendar calendar) throws IOException {
            String symbol = symbol(expected.name());
            if (listed == null) {
                add(GoldFinding.Kind.INSTRUMENTS, symbol, "", calendar.entry(expected.firstIndex()), "has input rows but no line in all.txt");
                return;
            }
            if (listed.first() != expected.firstIndex() || listed.last() != expected.lastIndex()) {
                add(GoldFinding.Kind.INSTRUMENTS, symbol, "", calendar.entry(listed.first()), String.format(
                        "all.txt spans %s..%s, the input %s..%s", calendar.entry(listed.first()), calendar.entry(listed.last()),
                        calendar.entry(expected.firstIndex()), calendar.entry(expected.lastIndex())));
            }
            for (int f = 0; f < expected.fields().size(); f++) {
                String field = expected.fields().get(f);
                Path file = tree.binFile(expected.name(), field);
                if (!Files.exists(file)) {
                    add(GoldFinding.Kind.FILE, symbol, field, "", "missing " + tree.root().relativize(file));
                    continue;
                }
                files++;
                float[] stored = BinFiles.read(file);
                if (Files.size(file) != BinFiles.expectedSize(listed.first(), listed.last())) {
                    add(GoldFinding.Kind.LENGTH, symbol, field, calendar.entry(listed.last()), String.format(
                            "%d bytes where the span in all.txt implies %d", Files.size(file),
                            BinFiles.expectedSize(listed.first(), listed.last())));
                }
                if (stored.length == 0 || stored[0] != (float) listed.first()) {
                    add(GoldFinding.Kind.START_INDEX, symbol, field, calendar.entry(listed.first()), String.format(
                            "element 0 is %s, the first index is %d", stored.length == 0 ? "absent" : stored[0], listed.first()));
                    continue;
                }
                compareValues(symbol, field, stored, listed.first(), expected.values(f), expected.firstIndex(), calendar);
            }
        }

        private void compareValues(String symbol, String field, float[] stored, int storedFirst, float[] wanted, int wantedFirst,
                QlibCalendar calendar) {
            int storedLast = storedFirst + stored.length - 2;
            int wantedLast = wantedFirst + wanted.length - 1;
            int from = Math.min(storedFirst, wantedFirst);
            int to = Math.min(Math.max(storedLast, wantedLast), calendar.size() - 1);
            for (int i = from; i <= to; i++) {
                float actual = i >= storedFirst && i <= storedLast ? stored[1 + i - storedFirst] : Float.NaN;
                float expect = i >= wantedFirst && i <= wantedLast ? wanted[i - wantedFirst] : Float.NaN;
                values++;
                if (Float.floatToIntBits(actual) != Float.floatToIntBits(expect)) {
                    add(GoldFinding.Kind.VALUE, symbol, field, calendar.entry(i), "stored " + actual + ", input gives " + expect);
                }
            }
        }

        private String symbol(InstrumentName name) {
            String bare = name.polygonTicker().startsWith("O:") ? name.polygonTicker().substring(2) : name.polygonTicker();
            return bare.equals(name.instrument()) ? name.instrument() : name.instrument() + " (" + name.polygonTicker() + ")";
        }

        private void add(GoldFinding.Kind kind, String symbol, String field, String date, String message) {
            if (findings.size() < maxFindings) {
                findings.add(new GoldFinding(kind, symbol, field, date, message));
            } else {
                leftOut++;
            }
        }

        private GoldValidationReport report(int instruments, int entries) {
            return new GoldValidationReport(type, instruments, entries, files, values, findings, leftOut);
        }
    }
}
