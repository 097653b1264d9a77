package quantmini.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quantmini.core.DataType;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.config.ConfigKeys;

/** {@code quantmini backfill}: every layer over a range of history, resumable. */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Load a range of history through every layer; a rerun resumes.",
        description = {
            "",
            "Lists the source for the dates that exist in the range, downloads what is not",
            "landed yet, ingests the days whose bronze is missing or older than their",
            "landed file, brings silver and the Qlib trees up to date, and advances each",
            "data type's watermark past the days that have all their layers. A rerun skips",
            "what is complete and redoes what is partial. Failed days are listed at the end",
            "(exit code 1) and never stop the others. A JSON report goes to logs/runs/.",
            ""
        })
final class BackfillCommand implements Callable<Integer> {
    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-types", split = ",", paramLabel = "TYPE", converter = DataTypeConverter.class,
            description = "Comma-separated data types (default: the data_types key, all four).")
    List<DataType> dataTypes;

    @Option(names = "--from", paramLabel = "DATE",
            description = "First date, YYYY-MM-DD (default: the earliest_dates key of each type's kind).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last date, YYYY-MM-DD (default: today in New York).")
    LocalDate to;

    @Override
    public Integer call() {
        CommandContext context = parent.context();
        List<DataType> types = context.typesOrConfigured(dataTypes);
        LocalDate first = from != null ? from : types.stream()
                .map(type -> context.config().require(ConfigKeys.EARLIEST_DATES.get(type)))
                .min(LocalDate::compareTo).orElseThrow();
        LocalDate last = to != null ? to : LocalDate.now(UsEquityCalendar.NEW_YORK);
        if (last.isBefore(first)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to " + last + " is before --from " + first);
        }
        return new PipelineRun(context, spec.commandLine().getOut(), "backfill").run(types, first, last);
    }
}
