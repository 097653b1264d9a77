package quantmini.qlib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;
import quantmini.core.io.FileTrees;
import quantmini.core.progress.ProgressListener;
import quantmini.core.validation.Finding;
import quantmini.core.validation.LakeLayer;
import quantmini.core.validation.LayerReport;

/** The validator reports every kind of damage, each with symbol, field and date, all at once. */
class GoldValidatorTest {
    private static final DataType TYPE = DataType.STOCKS_DAILY;

    @TempDir
    Path temp;

    private TestLake lake;
    private Path tree;
    private List<String> calendar;

    @BeforeEach
    void build() throws Exception {
        lake = new TestLake(temp);
        lake.addBronze(TYPE, LocalDate.of(2024, 8, 1), LocalDate.of(2024, 8, 14));
        new GoldBuilder(lake.layout, GoldOptions.defaults()).build(TYPE, Optional.empty(), Optional.empty(), false, ProgressListener.NONE);
        tree = lake.layout.qlibRoot(TYPE);
        calendar = Files.readAllLines(tree.resolve("calendars/day.txt"));
    }

    private GoldValidationReport validate() {
        return new GoldValidator(lake.layout, GoldOptions.defaults()).validate(TYPE, ProgressListener.NONE);
    }

    @Test
    void reportsEveryDamagedValueFileAndFolder() throws Exception {
        assertTrue(validate().isValid());
        // A changed value: SPY's close on the tree's third date.
        setFloat(tree.resolve("features/spy/close.day.bin"), 3, 1.5f);
        // A value shifted by one entry, as Qlib's dump_update does with gaps.
        Path volume = tree.resolve("features/msft/volume.day.bin");
        float[] values = TreeBytes.floats(volume);
        setFloat(volume, 2, values[1]);
        // A truncated file.
        Path open = tree.resolve("features/aapl/open.day.bin");
        try (FileChannel channel = FileChannel.open(open, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 4);
        }
        // A wrong start index.
        setFloat(tree.resolve("features/qqq/high.day.bin"), 0, 1f);
        // A folder of no instrument, and an instrument without a folder.
        Files.createDirectories(tree.resolve("features/stray"));
        FileTrees.deleteRecursively(tree.resolve("features/_qlib_con"));
        // A field file too many.
        Files.write(tree.resolve("features/tsla/extra.day.bin"), new byte[8]);

        GoldValidationReport report = validate();
        assertFalse(report.isValid());
        List<String> lines = report.findings().stream().map(GoldFinding::toString).collect(Collectors.toList());
        assertHas(lines, "VALUE symbol=SPY field=close date=" + calendar.get(2));
        assertHas(lines, "VALUE symbol=MSFT field=volume date=" + calendar.get(1));
        assertHas(lines, "LENGTH symbol=AAPL field=open");
        assertHas(lines, "START_INDEX symbol=QQQ field=high");
        assertHas(lines, "FOLDER symbol=stray");
        assertHas(lines, "FOLDER symbol=CON");
        assertHas(lines, "FILE symbol=TSLA");
        assertEquals(0, report.findingsLeftOut());
    }

    @Test
    void reportsAnUnsortedCalendarAndAWrongInstrumentSpan() throws Exception {
        List<String> all = new ArrayList<>(Files.readAllLines(tree.resolve("instruments/all.txt")));
        int spy = 0;
        while (!all.get(spy).startsWith("SPY\t")) {
            spy++;
        }
        all.set(spy, "SPY\t" + calendar.get(1) + "\t" + calendar.get(calendar.size() - 1));
        Files.write(tree.resolve("instruments/all.txt"), all);
        List<String> lines = validate().findings().stream().map(GoldFinding::toString).collect(Collectors.toList());
        assertHas(lines, "INSTRUMENTS symbol=SPY");
        assertHas(lines, "LENGTH symbol=SPY field=open");

        List<String> swapped = new ArrayList<>(calendar);
        swapped.set(0, calendar.get(1));
        swapped.set(1, calendar.get(0));
        Files.write(tree.resolve("calendars/day.txt"), swapped);
        List<String> calendarFindings = validate().findings().stream().map(GoldFinding::toString).collect(Collectors.toList());
        assertHas(calendarFindings, "CALENDAR date=" + calendar.get(0) + ": line 2 is not after");
    }

    @Test
    void reportsAWrongTickerMapAndAMissingTree() throws Exception {
        List<String> map = new ArrayList<>(Files.readAllLines(tree.resolve("instruments/ticker_map.tsv")));
        map.remove("ADS_W\tADSw");
        map.add("ZZZ_W\tZZZw");
        Files.write(tree.resolve("instruments/ticker_map.tsv"), map);
        List<String> lines = validate().findings().stream().map(GoldFinding::toString).collect(Collectors.toList());
        assertHas(lines, "INSTRUMENTS symbol=ADS_W: ticker_map.tsv lacks");
        assertHas(lines, "INSTRUMENTS symbol=ZZZ_W: ticker_map.tsv has");

        FileTrees.deleteRecursively(tree);
        GoldValidationReport report = validate();
        assertFalse(report.isValid());
        assertEquals(GoldFinding.Kind.CALENDAR, report.findings().get(0).kind());
    }

    @Test
    void reportsAMissingInputDate() throws Exception {
        Files.delete(lake.layout.bronzeFile(TYPE, LocalDate.parse(calendar.get(4))));
        List<String> lines = validate().findings().stream().map(GoldFinding::toString).collect(Collectors.toList());
        assertHas(lines, "INPUT date=" + calendar.get(4));
    }

    @Test
    void theReportTranslatesIntoTheFindingsEveryLayerReports() throws Exception {
        setFloat(tree.resolve("features/spy/close.day.bin"), 3, 1.5f);

        LayerReport report = validate().toLayerReport("gold/qlib/stocks_daily");

        assertEquals(LakeLayer.GOLD, report.layer());
        assertFalse(report.isValid());
        Finding finding = report.findings().get(0);
        assertEquals(new Finding(LakeLayer.GOLD, TYPE, calendar.get(2), "gold/qlib/stocks_daily", "VALUE symbol=SPY field=close: stored 1.5,"
                + " input gives " + finding.reason().split("input gives ")[1]), finding);
        assertTrue(report.describe().startsWith("gold stocks_daily: INVALID; "), report.describe());
        assertTrue(report.checked().get("values") > 0);
    }

    private static void assertHas(List<String> findings, String prefix) {
        assertTrue(findings.stream().anyMatch(f -> f.startsWith(prefix)), "no finding starting with '" + prefix + "' in " + findings);
    }

    private static void setFloat(Path file, int element, float value) throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value);
        bytes.flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(bytes, 4L * element);
        }
    }
}
