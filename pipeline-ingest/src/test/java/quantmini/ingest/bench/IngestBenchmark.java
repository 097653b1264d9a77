package quantmini.ingest.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.config.IngestMode;
import quantmini.core.progress.ProgressListener;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.ingest.BronzeIngestor;
import quantmini.ingest.IngestOptions;
import quantmini.ingest.IngestSummary;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;

/**
 * Rows per second of the ingest beside DuckDB doing the same conversion, on one generated day,
 * in the same process. Arguments: {@code <work folder> <data type> <stock tickers> <rounds> <modes...>};
 * prints one line per measurement. Run by {@code scripts/bench-ingest}.
 */
public final class IngestBenchmark {
    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        DataType type = DataType.fromId(args[1]);
        int tickers = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        List<IngestMode> modes = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            modes.add(IngestMode.valueOf(args[i].toUpperCase(Locale.ROOT)));
        }
        LocalDate day = LocalDate.of(2024, 3, 28);
        FlatFileKey key = new FlatFileKey(type, day);
        byte[] gzip = new FlatFileGenerator(FixtureSpec.realistic(tickers)).dayFile(type, day);
        Path source = work.resolve("source.csv.gz");
        Files.createDirectories(work);
        Files.write(source, gzip);
        System.out.printf(Locale.ROOT, "source %s %s: %.1f MB gzip, %d cores, max heap %d MB%n", type, day, gzip.length / 1e6,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        for (int round = 1; round <= rounds; round++) {
            for (IngestMode mode : modes) {
                ingest(work, source, key, mode, round);
            }
            duckdb(work, source, day, false, round);
            duckdb(work, source, day, true, round);
        }
    }

    private static void ingest(Path work, Path source, FlatFileKey key, IngestMode mode, int round) throws Exception {
        LakeLayout layout = new LakeLayout(work.resolve("lake-" + mode.name().toLowerCase(Locale.ROOT)));
        Path landing = layout.landingFile(key);
        Files.createDirectories(landing.getParent());
        Files.copy(source, landing, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (BronzeIngestor ingestor = new BronzeIngestor(layout, mode, IngestOptions.defaults())) {
            long start = System.nanoTime();
            IngestSummary summary = ingestor.ingest(List.of(key), ProgressListener.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!summary.succeeded()) {
                throw new IllegalStateException(summary.failures().toString());
            }
            long bytes = Files.size(layout.bronzeFile(key.dataType(), key.date()));
            System.out.printf(Locale.ROOT, "round %d quantmini-%-9s rows=%d seconds=%.2f rows/s=%.0f parquet=%.1f MB%n",
                    round, mode.name().toLowerCase(Locale.ROOT), summary.rowsIn(), seconds, summary.rowsIn() / seconds, bytes / 1e6);
        }
    }

    /** DuckDB's own CSV reader and Parquet writer on the same file; {@code sorted} adds our row order. */
    private static void duckdb(Path work, Path source, LocalDate day, boolean sorted, int round) throws Exception {
        Path out = work.resolve("duckdb.parquet");
        Files.deleteIfExists(out);
        try (Connection connection = DuckDb.connect(); Statement statement = connection.createStatement()) {
            long start = System.nanoTime();
            statement.execute("COPY (SELECT ticker, volume, open, high, low, close, make_timestamp(window_start // 1000) AS window_start, "
                    + "transactions, DATE '" + day + "' AS date FROM read_csv(" + DuckDb.literal(source)
                    + ", header=true, columns={'ticker':'VARCHAR','volume':'BIGINT','open':'DOUBLE','close':'DOUBLE','high':'DOUBLE',"
                    + "'low':'DOUBLE','window_start':'BIGINT','transactions':'BIGINT'})" + (sorted ? " ORDER BY ticker, window_start" : "")
                    + ") TO " + DuckDb.literal(out) + " (FORMAT parquet, COMPRESSION zstd)");
            double seconds = (System.nanoTime() - start) / 1e9;
            long rows;
            try (var result = statement.executeQuery("SELECT count(*) FROM read_parquet(" + DuckDb.literal(out) + ")")) {
                result.next();
                rows = result.getLong(1);
            }
            System.out.printf(Locale.ROOT, "round %d duckdb-copy%-7s rows=%d seconds=%.2f rows/s=%.0f parquet=%.1f MB%n",
                    round, sorted ? "-sorted" : "", rows, seconds, rows / seconds, Files.size(out) / 1e6);
        }
    }
}
