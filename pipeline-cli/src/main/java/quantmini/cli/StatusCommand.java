package quantmini.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quantmini.core.ExitCode;

/**
 * {@code quantmini status}: what the lake holds, layer by layer. It only reads, so it takes no
 * run lock and can be run while a run writes (it then shows a moment of that run).
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Show per data type and layer: dates, gaps, rows, bytes; and the last run.",
        description = {
            "",
            "For landing, bronze, silver and gold of each data type: the first and last date,",
            "the number of dates, the trading days missing in between (gaps), rows (bronze from",
            "metadata/*/daily_stats.parquet, silver from Parquet footers, gold as instruments x",
            "calendar length), bytes on disk, and the outcome of the newest logs/runs/*.json.",
            ""
        })
final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print JSON for scripts instead of the table.")
    boolean json;

    @Override
    public Integer call() {
        CommandContext context = parent.context();
        LakeStatus.Report report = LakeStatus.collect(context.layout(), context.config().logRoot());
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? StatusFormatter.json(report) : StatusFormatter.text(report));
        out.flush();
        return ExitCode.SUCCESS.code();
    }
}
