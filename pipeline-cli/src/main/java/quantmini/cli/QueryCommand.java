package quantmini.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.storage.LakeLayout;

/**
 * {@code quantmini query "SQL"}: DuckDB over the lake's Parquet files. It only reads the lake
 * (and writes its own cache under tmp/), so it takes no run lock and works while a run writes.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Run SQL (DuckDB) over the lake; print a table, CSV or JSON.",
        description = {
            "",
            "Views, each present only where its files exist:",
            "  bronze.stocks_daily   bronze.stocks_minute",
            "  bronze.options_daily  bronze.options_minute",
            "  silver.stocks_daily   silver.stocks_minute",
            "  silver.options_daily  silver.options_minute",
            "  metadata.stocks_daily_stats   metadata.stocks_symbols",
            "  metadata.options_daily_stats  metadata.options_symbols",
            "  metadata.options_contracts    metadata.options_chains",
            "Bronze and silver read <layer>/<type>/year=*/month=*/*.parquet (day files and",
            "compacted month.parquet). Answers are cached under <data_root>/tmp/query-cache/",
            "until a file under the views changes. SQL errors exit 2 with DuckDB's message.",
            "",
            "Example:",
            "  quantmini query \"SELECT ticker, count(*) AS days, max(close)",
            "    FROM bronze.stocks_daily GROUP BY ticker ORDER BY days DESC LIMIT 5\"",
            ""
        })
final class QueryCommand implements Callable<Integer> {
    /** Bounds of the result cache: enough for an interactive session, small next to the lake. */
    static final int CACHE_ENTRIES = 64;
    static final long CACHE_BYTES = 64L << 20;

    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SQL", description = "The query, e.g. \"SELECT count(*) FROM bronze.stocks_daily\".")
    String sql;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ResultFormatter.Format format;

    @Option(names = "--max-rows", defaultValue = "10000", paramLabel = "N",
            description = "Print at most N rows (default: ${DEFAULT-VALUE}); the table says when more exist.")
    int maxRows;

    @Option(names = "--no-cache", description = "Run the query even when a cached answer is valid.")
    boolean noCache;

    @Override
    public Integer call() {
        if (maxRows < 0) {
            throw new QuantminiException(ExitCode.USAGE_OR_CONFIG, "--max-rows must be 0 or more, was " + maxRows);
        }
        if (sql.isBlank()) {
            throw new QuantminiException(ExitCode.USAGE_OR_CONFIG, "the SQL is empty");
        }
        LakeLayout layout = parent.context().layout();
        LakeViews views = LakeViews.of(layout);
        QueryCache cache = new QueryCache(layout.spillRoot().resolve("query-cache"), CACHE_ENTRIES, CACHE_BYTES);
        String key;
        try {
            key = QueryCache.key(sql, maxRows, views.files());
        } catch (IOException e) {
            // a file went away between the listing and the key (a run replaced it): list again
            throw new QuantminiException(ExitCode.JOB_FAILED, "the lake changed while reading it (" + e.getMessage() + "); run the query again", e);
        }
        boolean useCache = !noCache && QueryCache.cacheable(sql);
        Optional<QueryResult> cached = useCache ? cache.get(key) : Optional.empty();
        QueryResult result = cached.orElseGet(() -> LakeQuery.run(views, sql, maxRows));
        if (useCache && cached.isEmpty()) {
            cache.put(key, result);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(ResultFormatter.format(result, format));
        out.flush();
        if (result.truncated() && format != ResultFormatter.Format.TABLE) {
            // machine formats keep stdout clean; the note goes to stderr
            PrintWriter err = spec.commandLine().getErr();
            err.println("quantmini: output stopped at --max-rows " + maxRows + "; more rows exist");
            err.flush();
        }
        return ExitCode.SUCCESS.code();
    }
}
