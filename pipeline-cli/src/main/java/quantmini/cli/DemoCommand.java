package quantmini.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.core.config.ConfigKeys;
import quantmini.core.config.SourceKind;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.fixtures.GeneratedFile;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;

/** {@code quantmini demo}: the whole pipeline on generated flat files, no credentials needed. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Run the whole pipeline on generated sample flat files (no credentials).",
        description = {
            "",
            "Generates a few weeks of Polygon-like flat files for all four data types into",
            "<data_root>/demo-source/ (the bucket's key layout), then runs the stages a real",
            "run uses, with that folder as a local source: download into landing, ingest to",
            "bronze, features to silver, and the Qlib trees in gold. Prints where each layer",
            "went and the answer to a sample query. Rerunning it skips what is done.",
            ""
        })
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", paramLabel = "DATE", defaultValue = "2024-03-01", description = "First date (default: ${DEFAULT-VALUE}).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", defaultValue = "2024-03-28", description = "Last date (default: ${DEFAULT-VALUE}).")
    LocalDate to;

    @Option(names = "--tickers", paramLabel = "N", defaultValue = "60", description = "Stock tickers (default: ${DEFAULT-VALUE}).")
    int tickers;

    @Override
    public Integer call() throws IOException {
        if (to.isBefore(from) || tickers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to must not be before --from, and --tickers at least 1");
        }
        CommandContext base = parent.context();
        Path source = base.config().dataRoot().resolve("demo-source");
        CommandContext context = base.withConfig(base.config()
                .with(ConfigKeys.SOURCE_KIND, SourceKind.LOCAL, "quantmini demo")
                .with(ConfigKeys.SOURCE_LOCAL_PATH, source, "quantmini demo"));
        PrintWriter out = spec.commandLine().getOut();
        List<DataType> types = List.of(DataType.values());

        out.printf("1/5 sample flat files: %s to %s, %d tickers -> %s%n", from, to, tickers, source);
        out.flush();
        List<GeneratedFile> files;
        try {
            files = new FlatFileGenerator(FixtureSpec.small().withStockTickers(tickers)).writeRange(source, types, from, to);
        } catch (IllegalArgumentException e) {
            throw new QuantminiException(ExitCode.USAGE_OR_CONFIG, "demo: " + e.getMessage());
        }
        out.printf("    %d files, %,d rows%n", files.size(), files.stream().mapToLong(GeneratedFile::rows).sum());
        boolean succeeded;
        try (StageRunner stages = StageRunner.locked(context, out)) {
            out.println("2/5 download (local source) -> landing");
            succeeded = stages.download(types, from, to).succeeded();
            out.println("3/5 ingest -> bronze");
            succeeded &= stages.ingest(types, from, to).succeeded();
            out.println("4/5 features -> silver");
            succeeded &= stages.features(types, from, to, false).succeeded();
            out.println("5/5 qlib -> gold");
            succeeded &= stages.gold(types, Optional.of(from), Optional.of(to), false).succeeded();
        }

        LakeLayout lake = context.layout();
        out.println();
        out.println("The lake is under " + lake.dataRoot() + ":");
        out.println("  landing   " + lake.landingRoot());
        out.println("  bronze    " + lake.bronzeRoot(DataType.STOCKS_DAILY).getParent());
        out.println("  silver    " + lake.silverRoot(DataType.STOCKS_DAILY).getParent());
        out.println("  gold      " + lake.qlibRoot(DataType.STOCKS_DAILY) + "  (Qlib provider_uri)");
        out.println("  metadata  " + lake.metadataRoot(DataType.AssetClass.STOCKS).getParent());
        out.println("  logs      " + context.config().logRoot());
        String glob = lake.silverRoot(DataType.STOCKS_DAILY) + "/*/*/*.parquet";
        String sql = "SELECT ticker, date, close, round(return_5d, 4) AS return_5d, round(dollar_volume) AS dollar_volume "
                + "FROM read_parquet('" + glob + "', hive_partitioning = false) "
                + "WHERE date = (SELECT max(date) FROM read_parquet('" + glob + "', hive_partitioning = false)) "
                + "AND return_5d IS NOT NULL ORDER BY return_5d DESC LIMIT 5";
        out.println();
        out.println("Sample query (DuckDB over silver): the five best 5-day returns on the last date");
        out.println("  " + sql);
        printQuery(out, sql);
        out.flush();
        return succeeded ? ExitCode.SUCCESS.code() : ExitCode.JOB_FAILED.code();
    }

    private static void printQuery(PrintWriter out, String sql) {
        try (Connection duckdb = DuckDb.connect(); Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            StringBuilder header = new StringBuilder();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                header.append(String.format(Locale.ROOT, "%-16s", meta.getColumnLabel(c)));
            }
            out.println("  " + header.toString().stripTrailing());
            while (rows.next()) {
                StringBuilder line = new StringBuilder();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    line.append(String.format(Locale.ROOT, "%-16s", rows.getString(c)));
                }
                out.println("  " + line.toString().stripTrailing());
            }
        } catch (SQLException e) {
            throw new QuantminiException(ExitCode.JOB_FAILED, "demo: the sample query failed: " + e.getMessage(), e);
        }
    }
}
