package quantmini.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.config.IngestMode;
import quantmini.core.io.FileTrees;
import quantmini.core.profile.ResourceLimits;
import quantmini.core.progress.ProgressListener;
import quantmini.features.SilverBuildSummary;
import quantmini.features.SilverBuilder;
import quantmini.features.SilverOptions;
import quantmini.features.StandardFeatures;
import quantmini.ingest.BronzeIngestor;
import quantmini.ingest.IngestOptions;
import quantmini.ingest.IngestSummary;
import quantmini.qlib.GoldBuildSummary;
import quantmini.qlib.GoldBuilder;
import quantmini.qlib.GoldOptions;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;

/**
 * One workload of the benchmark suite in a JVM of its own ({@link WorkerSide} starts it):
 * {@code WARMUPS RUNS WORKLOAD ARGS...}. Runs the workload WARMUPS + RUNS times, one after the
 * other, printing each run's seconds, and last a line {@code bench-result W1,W2|R1,R2,...}.
 *
 * <pre>
 * ingest MODE DATA_ROOT TYPE        quantmini's bronze ingest of every landing file of TYPE
 * duckdb-copy SOURCE OUT            DuckDB COPY ... TO parquet of every .csv.gz under SOURCE
 * silver DATA_ROOT TYPE FROM TO     quantmini's full silver build of TYPE over FROM..TO
 * duckdb-scan DATA_ROOT TYPE        DuckDB reading every column of TYPE's bronze
 * gold DATA_ROOT TYPE               quantmini's full Qlib build of TYPE
 * duckdb-ordered DATA_ROOT TYPE     DuckDB reading TYPE's silver ordered by symbol and date, every value fetched
 * </pre>
 */
public final class BenchWorker {
    static final String RESULT = "bench-result ";

    private BenchWorker() {}

    /** One repetition of a workload; {@link #reset} undoes what a run wrote, untimed. */
    private interface Workload {
        default void reset() throws Exception {}

        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int warmups = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        Workload workload = workload(args[2], List.of(args).subList(3, args.length));
        List<String> warm = new ArrayList<>();
        List<String> measured = new ArrayList<>();
        for (int i = 0; i < warmups + runs; i++) {
            workload.reset();
            long start = System.nanoTime();
            workload.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "%s %d: %.3f s%n", i < warmups ? "warm-up" : "run", i + 1, seconds);
            (i < warmups ? warm : measured).add(String.format(Locale.ROOT, "%.4f", seconds));
        }
        System.out.println(RESULT + String.join(",", warm) + "|" + String.join(",", measured));
    }

    private static Workload workload(String name, List<String> args) {
        switch (name) {
            case "ingest":
                return ingest(IngestMode.valueOf(args.get(0).toUpperCase(Locale.ROOT)), layout(args.get(1)), DataType.fromId(args.get(2)));
            case "duckdb-copy":
                return duckdbCopy(Path.of(args.get(0)), Path.of(args.get(1)));
            case "silver":
                return silver(layout(args.get(0)), DataType.fromId(args.get(1)), LocalDate.parse(args.get(2)), LocalDate.parse(args.get(3)));
            case "duckdb-scan":
                return duckdbScan(layout(args.get(0)), DataType.fromId(args.get(1)));
            case "gold":
                return gold(layout(args.get(0)), DataType.fromId(args.get(1)));
            case "duckdb-ordered":
                return duckdbOrdered(layout(args.get(0)), DataType.fromId(args.get(1)));
            default:
                throw new IllegalArgumentException("unknown workload " + name);
        }
    }

    private static LakeLayout layout(String dataRoot) {
        return new LakeLayout(Path.of(dataRoot));
    }

    private static Workload ingest(IngestMode mode, LakeLayout layout, DataType type) {
        List<FlatFileKey> keys = Inputs.csvFiles(layout.landingRoot(type)).stream()
                .map(file -> new FlatFileKey(type, Inputs.dateOf(file)))
                .collect(Collectors.toList());
        return () -> {
            try (BronzeIngestor ingestor = new BronzeIngestor(layout, mode, IngestOptions.defaults())) {
                IngestSummary summary = ingestor.ingest(keys, ProgressListener.NONE);
                if (!summary.succeeded()) {
                    throw new IllegalStateException(summary.failures().toString());
                }
                System.out.printf(Locale.ROOT, "%d files, %d rows in, %d written%n", keys.size(), summary.rowsIn(), summary.rowsWritten());
            }
        };
    }

    /**
     * DuckDB's own CSV reader and Parquet writer, one COPY per file with bronze's column types (its
     * copy keeps the ticker as is: it does not parse option tickers or sort).
     */
    private static Workload duckdbCopy(Path source, Path out) {
        List<Path> files = Inputs.csvFiles(source);
        return new Workload() {
            @Override
            public void reset() throws Exception {
                FileTrees.deleteRecursively(out);
                Files.createDirectories(out);
            }

            @Override
            public void run() throws Exception {
                try (Connection connection = DuckDb.connect(); Statement statement = connection.createStatement()) {
                    for (Path file : files) {
                        Path parquet = out.resolve(source.relativize(file).toString().replace('/', '_').replace(".csv.gz", ".parquet"));
                        statement.execute("COPY (SELECT ticker, volume, open, high, low, close, make_timestamp(window_start // 1000) AS window_start, "
                                + "transactions, DATE '" + Inputs.dateOf(file) + "' AS date FROM read_csv(" + DuckDb.literal(file)
                                + ", header=true, columns={'ticker':'VARCHAR','volume':'BIGINT','open':'DOUBLE','close':'DOUBLE',"
                                + "'high':'DOUBLE','low':'DOUBLE','window_start':'BIGINT','transactions':'BIGINT'})) TO "
                                + DuckDb.literal(parquet) + " (FORMAT parquet, COMPRESSION zstd)");
                    }
                }
            }
        };
    }

    private static Workload silver(LakeLayout layout, DataType type, LocalDate from, LocalDate to) {
        int threads = Runtime.getRuntime().availableProcessors();
        ResourceLimits limits = new ResourceLimits(IngestMode.BATCH, 4_000_000_000L, 100_000, threads, 1);
        SilverBuilder builder = new SilverBuilder(layout, StandardFeatures.registry(), limits, SilverOptions.defaults());
        return () -> {
            SilverBuildSummary summary = builder.build(type, from, to, true, ProgressListener.NONE);
            if (!summary.succeeded()) {
                throw new IllegalStateException(summary.describe());
            }
            System.out.println(summary.describe());
        };
    }

    /** Every column of the bronze decoded (count(*) alone would be answered from the footers). */
    private static Workload duckdbScan(LakeLayout layout, DataType type) {
        String relation = "read_parquet(" + DuckDb.literal(layout.bronzeRoot(type)) + " || '/**/*.parquet', hive_partitioning = false)";
        return () -> {
            try (Connection duckdb = DuckDb.connect(); Statement sql = duckdb.createStatement();
                    ResultSet r = sql.executeQuery("SELECT count(*), max(ticker), sum(volume), sum(open + high + low + close), "
                            + "max(window_start), sum(transactions), max(date) FROM " + relation)) {
                r.next();
                System.out.printf(Locale.ROOT, "%d rows%n", r.getLong(1));
            }
        };
    }

    private static Workload gold(LakeLayout layout, DataType type) {
        GoldBuilder builder = new GoldBuilder(layout, GoldOptions.defaults());
        return new Workload() {
            @Override
            public void reset() throws Exception {
                FileTrees.deleteRecursively(layout.qlibRoot(type));
            }

            @Override
            public void run() {
                GoldBuildSummary summary = builder.build(type, Optional.empty(), Optional.empty(), true, ProgressListener.NONE);
                System.out.println(summary.describe());
            }
        };
    }

    /** What the Qlib build's read costs on its own: the columns it converts, in its order, every value fetched over JDBC. */
    private static Workload duckdbOrdered(LakeLayout layout, DataType type) {
        return () -> {
            List<String> files = Inputs.files(layout.silverRoot(type), ".parquet").stream()
                    .map(DuckDb::literal).collect(Collectors.toList());
            String query = "SELECT * EXCLUDE (ticker, date, window_start, transactions), ticker, datediff('day', DATE '1970-01-01', date) AS day, "
                    + "epoch_us(window_start) AS window_start FROM read_parquet([" + String.join(", ", files) + "], union_by_name = true)"
                    + " ORDER BY ticker, date, window_start";
            long rows = 0;
            double sink = 0;
            try (Connection duckdb = DuckDb.connect(); Statement sql = duckdb.createStatement(); ResultSet result = sql.executeQuery(query)) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    for (int c = 1; c <= columns - 3; c++) {
                        sink += result.getDouble(c);
                    }
                    result.getString(columns - 2);
                    result.getInt(columns - 1);
                    result.getLong(columns);
                    rows++;
                }
            }
            System.out.printf(Locale.ROOT, "%d rows (checksum %.1f)%n", rows, sink);
        };
    }
}
