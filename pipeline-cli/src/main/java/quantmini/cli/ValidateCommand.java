package quantmini.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quantmini.core.DataType;
import quantmini.core.ExitCode;

/** {@code quantmini validate}: check a layer of the lake against the one it was made from. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Check a layer of the lake against its input; list every mismatch.",
        description = {
            "",
            "gold: every .bin file has the length its instrument's span implies, every value",
            "equals the Parquet input after float32 rounding, the calendar is sorted and",
            "unique, instruments, ticker map and feature folders agree. Each mismatch is",
            "printed with symbol, field and date; the exit code is 1 when there is any.",
            ""
        })
final class ValidateCommand implements Callable<Integer> {
    /** The layers this command can check so far. */
    enum Layer { GOLD }

    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--layer", defaultValue = "gold", paramLabel = "LAYER",
            description = "The layer to check: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Layer layer;

    @Option(names = "--data-types", split = ",", paramLabel = "TYPE", converter = DataTypeConverter.class,
            description = "Comma-separated data types (default: those of the data_types key).")
    List<DataType> dataTypes;

    @Override
    public Integer call() {
        CommandContext context = parent.context();
        List<DataType> types = context.typesOrConfigured(dataTypes);
        boolean valid;
        try (StageRunner stages = StageRunner.locked(context, spec.commandLine().getOut())) {
            valid = stages.validateGold(types);
        }
        return valid ? ExitCode.SUCCESS.code() : ExitCode.JOB_FAILED.code();
    }
}
