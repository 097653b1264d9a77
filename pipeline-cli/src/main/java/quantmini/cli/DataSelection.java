package quantmini.cli;

import java.time.LocalDate;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import quantmini.core.DataType;
import quantmini.core.calendar.UsEquityCalendar;

/** The {@code --data-types}, {@code --from} and {@code --to} options the stage commands share. */
final class DataSelection {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-types", split = ",", paramLabel = "TYPE", converter = DataTypeConverter.class,
            description = {"Comma-separated data types: stocks_daily, stocks_minute,",
                "options_daily, options_minute (default: the data_types key, all four)."})
    List<DataType> dataTypes;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First date, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last date, YYYY-MM-DD (default: today in New York).")
    LocalDate to;

    List<DataType> types(CommandContext context) {
        return context.typesOrConfigured(dataTypes);
    }

    LocalDate from() {
        return from;
    }

    /** The last date, checked not to come before the first. */
    LocalDate to() {
        LocalDate last = to != null ? to : LocalDate.now(UsEquityCalendar.NEW_YORK);
        if (last.isBefore(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to " + last + " is before --from " + from);
        }
        return last;
    }
}
