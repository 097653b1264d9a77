package quantmini.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code quantmini ingest}: landing files to validated bronze Parquet. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Validate landed flat files and write them to bronze Parquet.",
        description = {
            "",
            "Reads each landed day in the range, checks every row (numbers, fields, high",
            "below low, negative values, duplicate ticker and minute), writes the good rows",
            "to bronze/{data_type}/year=YYYY/month=MM/DATE.parquet sorted by ticker and time,",
            "and the rejected ones with their reason to quarantine/{data_type}/DATE.csv.",
            "A file that cannot be read fails its day and changes nothing; the other days",
            "go on (exit code 1 at the end). Re-ingesting a day replaces exactly its rows.",
            "The mode (streaming, batch, parallel) comes from the profile or ingest.mode.",
            ""
        })
final class IngestCommand implements Callable<Integer> {
    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataSelection selection;

    @Override
    public Integer call() {
        CommandContext context = parent.context();
        return StageRunner.runStage(context, spec.commandLine().getOut(), stages -> stages.ingest(selection.types(context), selection.from(), selection.to()));
    }
}
