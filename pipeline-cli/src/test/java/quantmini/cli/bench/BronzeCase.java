package quantmini.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import quantmini.core.DataType;
import quantmini.core.io.FileTrees;
import quantmini.storage.LakeLayout;

/**
 * The bronze ingest of landed files (parse, validate, sort check, Parquet write, rename,
 * quarantine, metadata) against DuckDB JDBC's {@code COPY (SELECT ... FROM read_csv(...)) TO ...
 * (FORMAT parquet, COMPRESSION zstd)} of the same files with bronze's column types. Streaming mode
 * (what the profile recommends below 32 GB) runs under {@code -Xmx512m}; batch mode with the
 * launcher's heap. DuckDB neither sorts nor parses option tickers.
 */
final class BronzeCase implements BenchCase {
    private static final Optional<String> SMALL_HEAP = Optional.of("512m");

    @Override
    public String name() {
        return "bronze";
    }

    @Override
    public String describe() {
        return "quantmini ingest (streaming -Xmx512m, batch) vs DuckDB COPY ... TO parquet: a stocks_minute day, "
                + "an options_minute day, 250 stocks_daily files";
    }

    @Override
    public List<CaseResult> run(BenchContext context) throws Exception {
        List<CaseResult> results = new ArrayList<>();
        convert(context, results, "stocks_minute day", DataType.STOCKS_MINUTE, CaseInputs.stocksMinuteDay(context), true);
        convert(context, results, "options_minute day", DataType.OPTIONS_MINUTE, CaseInputs.optionsMinuteDay(context), true);
        convert(context, results, "stocks_daily files", DataType.STOCKS_DAILY, CaseInputs.stocksDailyFiles(context), false);
        return results;
    }

    private static void convert(BenchContext context, List<CaseResult> results, String input, DataType type, InputSet files, boolean batchToo)
            throws Exception {
        Plan plan = context.sizes().plan();
        String lake = files.folder().toString();
        Path landing = new LakeLayout(files.folder()).landingRoot(type);
        Path out = context.scratch("bronze-duckdb");
        String row = "bronze/" + input;
        Sample duckdb = context.referenceWorker("DuckDB COPY TO parquet", row, "duckdb-copy", landing.toString(), out.toString()).measure(plan);
        FileTrees.deleteRecursively(out);
        Sample streaming = context.quantminiWorker("quantmini ingest, streaming, -Xmx512m", row, SMALL_HEAP,
                "ingest", "streaming", lake, type.id()).measure(plan);
        results.add(CaseResult.of("bronze/" + input + ", streaming -Xmx512m", files.describe(), streaming, duckdb));
        if (batchToo && context.sizes().batchMode()) {
            Sample batch = context.quantminiWorker("quantmini ingest, batch", row, Optional.empty(), "ingest", "batch", lake, type.id()).measure(plan);
            results.add(CaseResult.of("bronze/" + input + ", batch", files.describe(), batch, duckdb));
        }
    }
}
