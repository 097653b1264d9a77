package quantmini.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

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
        return StageRunner.runStage(context, spec.commandLine().getOut(), stages -> stages.features(selection.types(context), selection.from(), selection.to(), full));
    }
}
