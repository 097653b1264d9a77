package quantmini.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quantmini.cli.run.TerminalProgress;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.features.DateFailure;
import quantmini.features.SilverBuildSummary;
import quantmini.features.SilverBuilder;
import quantmini.features.SilverOptions;
import quantmini.features.StandardFeatures;

/** {@code quantmini features}: bronze to silver, with the engineered features. */
@Command(
        name = "features",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Compute engineered features from bronze into silver Parquet.",
        description = {
            "",
            "Writes silver/{data_type}/year=YYYY/month=MM/DATE.parquet: the bronze columns",
            "plus the features of docs/FEATURES.md (returns, gaps, volatility, VWAP, a",
            "cross-sectional alpha, minute sessions, option moneyness and more), computed",
            "with DuckDB over each symbol's history across days. Without --full only",
            "missing or stale dates are written, reading just the lookback they need; the",
            "values equal a full rebuild's. Options read the same day's stocks_daily bronze.",
            ""
        })
final class FeaturesCommand implements Callable<Integer> {
    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataSelection selection;

    @Option(names = "--full", description = "Recompute every date in the range, not only missing or stale ones.")
    boolean full;

    @Override
    public Integer call() {
        CommandContext context = parent.context();
        SilverBuilder builder = new SilverBuilder(context.layout(), StandardFeatures.registry(), context.limits(),
                SilverOptions.from(context.config()));
        PrintWriter out = spec.commandLine().getOut();
        boolean succeeded = true;
        for (DataType type : selection.types(context.config())) {
            SilverBuildSummary summary;
            try {
                summary = builder.build(type, selection.from(), selection.to(), full, TerminalProgress.forThisProcess());
            } catch (IllegalArgumentException e) {
                // an unknown name in features.enabled, found when the type's features are chosen
                throw new QuantminiException(ExitCode.USAGE_OR_CONFIG, "features.enabled: " + e.getMessage());
            }
            out.println(summary.describe());
            for (DateFailure failure : summary.failures()) {
                out.println("  failed " + type + " " + failure.date() + ": " + failure.message());
            }
            out.flush();
            succeeded &= summary.succeeded();
        }
        return succeeded ? ExitCode.SUCCESS.code() : ExitCode.JOB_FAILED.code();
    }
}
