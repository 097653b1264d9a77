package quantmini.qlib;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import quantmini.core.DataType;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.io.FileTrees;
import quantmini.core.progress.ProgressListener;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.InputCache;

/**
 * The Qlib writer on generated stocks_daily bronze: {@code instruments} tickers over {@code days}
 * trading days, read once (DuckDB) into the per-ticker rows a build's scan hands over. Three
 * steps of a full build, each on all instruments:
 * <ul>
 *   <li>{@code assembleSeries}: rows to float32 series on the calendar ({@link SeriesAssembler}), CPU only;
 *   <li>{@code writeBinFiles}: the assembled series to {@code .bin} files in an empty tree
 *       ({@link BinFiles}), left in the page cache;
 *   <li>{@code writeTree}: the whole writer of a full build ({@link FullTreeWriter}) into an empty
 *       tree: assembling, writing, forcing every file to disk, the index files.
 * </ul>
 * The score is passes (trees) per second; the {@code values} line beside it is float32 values
 * per second. Run by {@code scripts/bench-jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class QlibWriterBenchmark {
    private static final DataType TYPE = DataType.STOCKS_DAILY;
    private static final LocalDate LAST_DAY = LocalDate.of(2024, 3, 28);

    /** 500 tickers x 250 days x 8 fields: about 4,000 files of up to 250 values per tree. */
    @Param("500")
    public int instruments;

    @Param("250")
    public int days;

    private ReplayedInput input;
    private GoldState state;
    private SeriesAssembler assembler;
    private final List<InstrumentSeries> assembled = new ArrayList<>();

    /** float32 values assembled or written, reported by JMH as a rate beside the score. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Values {
        public long values;

        @Setup(Level.Iteration)
        public void reset() {
            values = 0;
        }
    }

    /** An empty folder for each invocation's tree, removed after it (not timed). */
    @State(Scope.Thread)
    public static class EmptyTree {
        GoldTree tree;

        @Setup(Level.Invocation)
        public void create() throws IOException {
            tree = new GoldTree(Files.createTempDirectory("jmh-qlib-tree"), QlibFrequency.DAY);
        }

        @TearDown(Level.Invocation)
        public void delete() throws IOException {
            FileTrees.deleteRecursively(tree.root());
        }
    }

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        FixtureSpec spec = FixtureSpec.realistic(instruments);
        LocalDate first = UsEquityCalendar.minusTradingDays(LAST_DAY, days - 1);
        Path lakeRoot = InputCache.fromSystemProperty().folder(
                "bronze-lake-" + TYPE.id() + "-" + first + "-" + LAST_DAY + "-" + InputCache.nameOf(spec),
                folder -> new TestLake(folder, spec).addBronze(TYPE, first, LAST_DAY));
        TestLake lake = new TestLake(lakeRoot, spec);
        ParquetGoldInput bronze = ParquetGoldInput.open(lake.layout, TYPE, SourceLayer.BRONZE);
        List<InputDay> inputDays = bronze.days();
        List<String> columns = bronze.numericColumns(inputDays);
        GoldOptions options = GoldOptions.defaults();
        state = GoldState.of(TYPE, options.minuteSession(), bronze.layerName(), columns.contains("vwap"),
                options.fields().resolve(columns), inputDays);
        assembler = new SeriesAssembler(TYPE, state.calendar(), state.fields(), state.inputHasVwap());
        List<TickerBars> bars = new ArrayList<>();
        bronze.scan(inputDays, assembler.inputColumns(), bars::add);
        input = new ReplayedInput(bronze.layerName(), inputDays, columns, assembler.inputColumns(), bars);
        for (TickerBars ticker : bars) {
            assembler.assemble(ticker, Double.NaN, new long[1]).ifPresent(assembled::add);
        }
    }

    @Benchmark
    public void assembleSeries(Values counter, Blackhole sink) {
        long[] skipped = new long[1];
        long values = 0;
        for (TickerBars bars : input.bars) {
            Optional<InstrumentSeries> series = assembler.assemble(bars, Double.NaN, skipped);
            if (series.isPresent()) {
                values += valuesOf(series.get().firstIndex(), series.get().lastIndex());
                sink.consume(series.get());
            }
        }
        counter.values += values;
    }

    @Benchmark
    public void writeBinFiles(EmptyTree empty, Values counter) throws IOException {
        for (InstrumentSeries series : assembled) {
            for (int f = 0; f < series.fields().size(); f++) {
                BinFiles.writeUnlisted(empty.tree.binFile(series.name(), series.fields().get(f)), series.firstIndex(), series.values(f));
            }
            counter.values += valuesOf(series.firstIndex(), series.lastIndex());
        }
    }

    @Benchmark
    public List<InstrumentSpan> writeTree(EmptyTree empty, Values counter) throws IOException {
        List<InstrumentSpan> spans;
        try (DurableWrites durable = new DurableWrites(GoldBuilder.SYNC_THREADS)) {
            spans = new FullTreeWriter(TYPE, input, WriteHook.NONE, ProgressListener.NONE, durable)
                    .write(empty.tree, input.days, state, new BuildCounters());
        }
        for (InstrumentSpan span : spans) {
            counter.values += valuesOf(span.first(), span.last());
        }
        return spans;
    }

    private long valuesOf(int firstIndex, int lastIndex) {
        return (long) state.fields().size() * (lastIndex - firstIndex + 1);
    }

    /** The rows of a scan, held in memory and handed over again on every scan. */
    private static final class ReplayedInput implements GoldInput {
        private final String layerName;
        private final List<InputDay> days;
        private final List<String> columns;
        private final List<String> scannedColumns;
        private final List<TickerBars> bars;

        ReplayedInput(String layerName, List<InputDay> days, List<String> columns, List<String> scannedColumns, List<TickerBars> bars) {
            this.layerName = layerName;
            this.days = List.copyOf(days);
            this.columns = List.copyOf(columns);
            this.scannedColumns = List.copyOf(scannedColumns);
            this.bars = List.copyOf(bars);
        }

        @Override
        public String layerName() {
            return layerName;
        }

        @Override
        public List<InputDay> days() {
            return days;
        }

        @Override
        public List<String> numericColumns(Collection<InputDay> wanted) {
            return columns;
        }

        @Override
        public Set<String> tickers(Collection<InputDay> wanted) {
            Set<String> tickers = new TreeSet<>();
            bars.forEach(b -> tickers.add(b.ticker()));
            return tickers;
        }

        @Override
        public void scan(Collection<InputDay> wanted, List<String> scanColumns, Consumer<TickerBars> consumer) {
            if (!wanted.equals(days) || !scanColumns.equals(scannedColumns)) {
                throw new IllegalArgumentException("the replay holds " + scannedColumns + " of all days, not " + scanColumns);
            }
            bars.forEach(consumer);
        }
    }
}
