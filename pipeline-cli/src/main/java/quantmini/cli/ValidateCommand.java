package quantmini.cli;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.validation.DateRange;
import quantmini.core.validation.LakeLayer;
import quantmini.core.validation.LayerReport;

/** {@code quantmini validate}: check each layer of the lake on its own and against the one it was made from. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Check the layers of the lake against their inputs; list every mismatch.",
        description = {
            "",
            "landing: each landed file reads to the end of its gzip stream and has the",
            "  flat-file header; its size/ETag record agrees with it (and its MD5, where",
            "  the ETag is one); the source still lists it with that size and ETag, and",
            "  lists no date landing lacks (--from to --to, else the first to the last",
            "  landed date). A source that cannot be listed (no credentials, no network)",
            "  is a warning, not a finding; --offline skips the source.",
            "bronze: per file (day files and compacted months): the bronze schema, no",
            "  nulls, the row rules of ingest (high >= low; no negative price, volume or",
            "  transactions); no duplicate (ticker, window_start); the date column is",
            "  the file's date; rows in sort order. Per date: bronze rows +",
            "  quarantined rows = the landed file's data rows; metadata daily_stats",
            "  records the same counts.",
            "silver: recomputed from bronze in an in-memory DuckDB and compared value for",
            "  value with the files (EXCEPT ALL both ways); one file per bronze date,",
            "  with that date's rows. Costs about what a features run over the dates does.",
            "gold: each .bin file has the length its instrument's span implies, each",
            "  value equals the Parquet input after float32 rounding, the calendar is",
            "  sorted and unique, instruments, ticker map and folders agree. Always the",
            "  whole tree.",
            "",
            "Prints a summary line per layer and data type, then each finding on one",
            "line: layer, data type, date, file, reason. Exit code 0 when nothing is",
            "wrong, 1 when anything is, 2 for a usage error, 3 while a run holds the",
            "lake's lock. docs/MAINTENANCE.md has the details.",
            ""
        })
final class ValidateCommand implements Callable<Integer> {
    /** What {@code --layer} accepts: one layer, or all of them in the order data flows. */
    enum LayerChoice {
        LANDING, BRONZE, SILVER, GOLD, ALL;

        List<LakeLayer> layers() {
            return this == ALL ? Arrays.asList(LakeLayer.values()) : List.of(LakeLayer.valueOf(name()));
        }
    }

    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--layer", defaultValue = "all", paramLabel = "LAYER",
            description = "The layer to check: landing, bronze, silver, gold, or all in that order (default: ${DEFAULT-VALUE}).")
    LayerChoice layer;

    @Option(names = "--from", paramLabel = "DATE",
            description = "First date to check, YYYY-MM-DD (default: the first present). Gold is always checked whole.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last date to check, YYYY-MM-DD (default: the last present).")
    LocalDate to;

    @Option(names = "--data-types", split = ",", paramLabel = "TYPE", converter = DataTypeConverter.class,
            description = "Comma-separated data types (default: those of the data_types key).")
    List<DataType> dataTypes;

    @Option(names = "--json", description = "Print the reports as JSON on standard output instead of lines.")
    boolean json;

    @Option(names = "--offline", description = "Do not list the source: landing is not checked for missing dates.")
    boolean offline;

    @Override
    public Integer call() {
        if (from != null && to != null && to.isBefore(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to " + to + " is before --from " + from);
        }
        CommandContext context = parent.context();
        List<LayerReport> reports;
        try (StageRunner stages = StageRunner.locked(context, spec.commandLine().getOut())) {
            reports = stages.validate(layer.layers(), context.typesOrConfigured(dataTypes),
                    new DateRange(Optional.ofNullable(from), Optional.ofNullable(to)), offline);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? ValidationFormatter.json(reports) : ValidationFormatter.text(reports));
        out.flush();
        return ValidationFormatter.valid(reports) ? ExitCode.SUCCESS.code() : ExitCode.JOB_FAILED.code();
    }
}
