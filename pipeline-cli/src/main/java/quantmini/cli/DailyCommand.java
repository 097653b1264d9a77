package quantmini.cli;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.config.ConfigKeys;
import quantmini.storage.Watermarks;

/** {@code quantmini daily}: the nightly update, made for cron and launchd. */
@Command(
        name = "daily",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Bring every layer up to date with the source (the nightly job).",
        description = {
            "",
            "For the enabled data types, lists the source from a few trading days before",
            "the oldest watermark (daily.recheck_trading_days, default 5) to today: new days",
            "are downloaded and go through every layer, and a day the vendor republished",
            "(its ETag or size changed) is fetched again and redone in every layer. The",
            "run report in logs/runs/ names the changed dates. Nothing new is a success.",
            "Needs no terminal; a second run while one is going exits 3. With no watermark",
            "yet, it starts from the recheck window before today: load history with",
            "'quantmini backfill' first.",
            ""
        })
final class DailyCommand implements Callable<Integer> {
    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-types", split = ",", paramLabel = "TYPE", converter = DataTypeConverter.class,
            description = "Comma-separated data types (default: the data_types key, all four).")
    List<DataType> dataTypes;

    @Option(names = "--today", paramLabel = "DATE", hidden = true,
            description = "Run as if today were this date (for tests and catching up by hand).")
    LocalDate today;

    @Override
    public Integer call() {
        CommandContext context = parent.context();
        List<DataType> types = context.typesOrConfigured(dataTypes);
        LocalDate last = today != null ? today : LocalDate.now(UsEquityCalendar.NEW_YORK);
        int recheck = context.config().require(ConfigKeys.DAILY_RECHECK_TRADING_DAYS);
        Watermarks watermarks = new Watermarks(context.layout());
        LocalDate first = last;
        for (DataType type : types) {
            Optional<LocalDate> mark;
            try {
                mark = watermarks.get(type);
            } catch (IOException e) {
                throw new QuantminiException(ExitCode.JOB_FAILED, "cannot read the watermarks: " + e.getMessage(), e);
            }
            LocalDate start = UsEquityCalendar.minusTradingDays(mark.filter(m -> m.isBefore(last)).orElse(last), recheck);
            first = start.isBefore(first) ? start : first;
        }
        return new PipelineRun(context, spec.commandLine().getOut(), "daily").run(types, first, last);
    }
}
