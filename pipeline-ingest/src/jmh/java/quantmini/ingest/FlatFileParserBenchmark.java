package quantmini.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
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
import quantmini.core.DataType;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.InputCache;

/**
 * The flat-file parser on one generated day: {@code inflateAndParse} reads the {@code .csv.gz}
 * bytes as the ingest does, {@code parse} the same CSV already inflated, so the difference is
 * what gzip costs. Both fill the ingest's default chunks. The score is days per second; the
 * {@code rows} line beside it is parsed rows per second. Run by {@code scripts/bench-jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx2g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class FlatFileParserBenchmark {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 28);
    private static final Path SOURCE = Path.of("generated.csv.gz");
    private static final int CHUNK_ROWS = IngestOptions.defaults().chunkRows();

    /** Stocks minute: ~1.75 M rows of 5,000 tickers; options minute: ~1.2 M rows of 50 underlyings' chains. */
    @Param({"stocks_minute", "options_minute"})
    public String dataType;

    @Param("5000")
    public int stockTickers;

    private DataType type;
    private byte[] gzip;
    private byte[] csv;
    private BufferAllocator allocator;
    private BarBatch batch;

    /** Parsed rows, reported by JMH as a rate beside the score. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Rows {
        public long rows;

        @Setup(Level.Iteration)
        public void reset() {
            rows = 0;
        }
    }

    @Setup(Level.Trial)
    public void generate() throws IOException {
        type = DataType.fromId(dataType);
        gzip = InputCache.fromSystemProperty().dayFile(FixtureSpec.realistic(stockTickers), type, DAY);
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            csv = in.readAllBytes();
        }
        allocator = new RootAllocator();
        batch = new BarBatch(type, allocator);
        // a benchmark of rows the parser rejects would measure the reject path, not the parser
        try (FlatFileParser parser = open(new ByteArrayInputStream(csv))) {
            while (parser.next(batch, CHUNK_ROWS)) {
                // reads the whole day
            }
            if (parser.goodRows() == 0 || parser.goodRows() != parser.dataRows()) {
                throw new IllegalStateException(String.format("generated %s day: %d good rows of %d", type, parser.goodRows(),
                        parser.dataRows()));
            }
        }
    }

    @TearDown(Level.Trial)
    public void release() {
        batch.close();
        allocator.close();
    }

    @Benchmark
    public long inflateAndParse(Rows counter) throws IOException {
        return parseAll(new GZIPInputStream(new ByteArrayInputStream(gzip), 1 << 16), counter);
    }

    @Benchmark
    public long parse(Rows counter) {
        return parseAll(new ByteArrayInputStream(csv), counter);
    }

    private long parseAll(InputStream in, Rows counter) {
        try (FlatFileParser parser = open(in)) {
            while (parser.next(batch, CHUNK_ROWS)) {
                // each chunk overwrites the last, as the ingest's reused batches do
            }
            counter.rows += parser.goodRows();
            return parser.goodRows();
        }
    }

    private FlatFileParser open(InputStream in) {
        return FlatFileParser.read(SOURCE, in, type, DAY, new TickerDictionary(type.isOptions()), new RejectLog());
    }
}
