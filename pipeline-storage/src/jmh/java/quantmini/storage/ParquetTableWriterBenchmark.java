package quantmini.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
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
import quantmini.fixtures.BronzeParquetFixture;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.InputCache;

/**
 * The lake's Parquet writer on one generated day already in Arrow batches of the ingest's chunk
 * size, in bronze order: each invocation writes the whole day to a local file with the bronze
 * options (ZSTD, statistics, page index) and closes it. The score is files per second; the
 * {@code rows} line beside it is rows written per second. Run by {@code scripts/bench-jmh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx3g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ParquetTableWriterBenchmark {
    private static final LocalDate DAY = LocalDate.of(2024, 3, 28);
    /** The ingest's default chunk (IngestOptions.defaults()). */
    private static final int BATCH_ROWS = 262_144;

    @Param({"stocks_minute", "options_minute"})
    public String dataType;

    @Param("5000")
    public int stockTickers;

    private Path work;
    private Schema schema;
    private BufferAllocator allocator;
    private final List<VectorSchemaRoot> batches = new ArrayList<>();

    /** Written rows, reported by JMH as a rate beside the score. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Rows {
        public long rows;

        @Setup(Level.Iteration)
        public void reset() {
            rows = 0;
        }
    }

    /** The day's bronze rows as DuckDB sorts and types them from the generated flat file. */
    @Setup(Level.Trial)
    public void prepare() throws IOException {
        DataType type = DataType.fromId(dataType);
        FixtureSpec spec = FixtureSpec.realistic(stockTickers);
        InputCache inputs = InputCache.fromSystemProperty();
        Path bronze = inputs.folder("bronze-" + type.id() + "-" + DAY + "-" + InputCache.nameOf(spec), folder -> {
            Path flatFile = folder.resolve("day.csv.gz");
            Files.write(flatFile, inputs.dayFile(spec, type, DAY));
            BronzeParquetFixture.write(flatFile, type, DAY, folder.resolve("day.parquet"));
            Files.delete(flatFile);
        }).resolve("day.parquet");
        schema = BronzeSchema.of(type);
        List<Object[]> rows = ParquetTable.read(bronze, schema);
        work = Files.createTempDirectory("jmh-parquet-writer");
        allocator = new RootAllocator();
        for (int start = 0; start < rows.size(); start += BATCH_ROWS) {
            int count = Math.min(BATCH_ROWS, rows.size() - start);
            VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator);
            batch.allocateNew();
            for (int r = 0; r < count; r++) {
                Object[] row = rows.get(start + r);
                for (int c = 0; c < row.length; c++) {
                    ParquetTable.set(batch.getVector(c), r, row[c]);
                }
            }
            batch.setRowCount(count);
            batches.add(batch);
        }
    }

    @TearDown(Level.Trial)
    public void release() throws IOException {
        batches.forEach(VectorSchemaRoot::close);
        allocator.close();
        Files.deleteIfExists(work.resolve("day.parquet"));
        Files.delete(work);
    }

    @Benchmark
    public long writeDay(Rows counter) throws IOException {
        long written;
        try (ParquetTableWriter writer = ParquetTableWriter.open(work.resolve("day.parquet"), schema, ParquetOptions.bars())) {
            for (VectorSchemaRoot batch : batches) {
                writer.writeAll(batch);
            }
            written = writer.rowsWritten();
        }
        counter.rows += written;
        return written;
    }
}
