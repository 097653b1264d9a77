package quantmini.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quantmini.core.DataType;
import quantmini.qlib.GoldBuilder;

/** {@code quantmini qlib}: silver to the Qlib binary tree. */
@Command(
        name = "qlib",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Write the Microsoft Qlib binary tree (gold) from silver.",
        description = {
            "",
            "Builds gold/qlib/{data_type}/ (calendars, instruments, features/<sym>/*.bin) for",
            "stocks_daily (day), stocks_minute (1min) and options_daily (day), one Qlib",
            "provider_uri each. New dates are appended to every file; a date before the",
            "tree's end, or a changed past date, rebuilds the tree. An update gives the",
            "same bytes as a full rebuild. Reads silver, or bronze where no silver exists.",
            "docs/QLIB.md describes the layout and how to point Qlib at it.",
            ""
        })
final class QlibCommand implements Callable<Integer> {
    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-types", split = ",", paramLabel = "TYPE", converter = DataTypeConverter.class,
            description = {"Comma-separated: stocks_daily, stocks_minute, options_daily",
                "(default: those of the data_types key)."})
    List<DataType> dataTypes;

    @Option(names = "--from", paramLabel = "DATE", description = "First input date (default: the first there is).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last input date (default: the last there is).")
    LocalDate to;

    @Option(names = "--full", description = "Rebuild each tree from the dates in the range, whatever it holds.")
    boolean full;

    @Override
    public Integer call() {
        CommandContext context = parent.context();
        List<DataType> types = context.typesOrConfigured(dataTypes);
        for (DataType type : types) {
            if (dataTypes != null && !GoldBuilder.SUPPORTED_TYPES.contains(type)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no Qlib tree for " + type
                        + " (supported: stocks_daily, stocks_minute, options_daily)");
            }
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
        }
        return StageRunner.runStage(context, spec.commandLine().getOut(),
                stages -> stages.gold(types, Optional.ofNullable(from), Optional.ofNullable(to), full));
    }
}
