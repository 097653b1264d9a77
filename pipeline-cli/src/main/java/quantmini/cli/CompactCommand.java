package quantmini.cli;

import java.io.PrintWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.QuantminiException;
import quantmini.storage.LakeLayout;
import quantmini.storage.MonthCompaction;
import quantmini.storage.MonthCompactor;

/** {@code quantmini compact}: merges the day files of closed months into {@code month.parquet}. */
@Command(
        name = "compact",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Merge the daily Parquet files of closed months into one month.parquet.",
        description = {
            "",
            "For each closed month (before the current month in New York, or before",
            "--before) merges bronze/{data_type}/year=YYYY/month=MM/DATE.parquet into",
            "month.parquet of the same folder, each day's rows kept together in their",
            "stored order, ZSTD. The merged file is checked with DuckDB (rows and a hash",
            "of all columns per date) before it replaces the day files; readers see the",
            "same rows before and after. A month with month.parquet and new day files (a",
            "day ingested again) is merged again; a killed run is finished or rolled back",
            "by the next. Minute types are not compacted: their day files are large.",
            "Silver is not compacted yet: 'quantmini features' writes silver day files",
            "only and would then hold a compacted day twice (docs/MAINTENANCE.md).",
            ""
        })
final class CompactCommand implements Callable<Integer> {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-types", split = ",", paramLabel = "TYPE", converter = DataTypeConverter.class,
            description = "Daily types to compact (default: stocks_daily,options_daily).")
    List<DataType> types = new ArrayList<>(List.of(DataType.STOCKS_DAILY, DataType.OPTIONS_DAILY));

    @Option(names = "--layers", split = ",", paramLabel = "LAYER",
            description = "Layers to compact (default and only supported value for now: bronze).")
    List<String> layers = new ArrayList<>(List.of("bronze"));

    @Option(names = "--before", paramLabel = "YYYY-MM",
            description = "Compact only months before this one (default and latest: the current month in New York).")
    YearMonth before;

    @Override
    public Integer call() {
        for (DataType type : types) {
            if (type.interval() != DataType.BarInterval.DAY) {
                throw new QuantminiException(ExitCode.USAGE_OR_CONFIG,
                        "--data-types: " + type + " is not compacted (minute day files are already large)");
            }
        }
        for (String layer : layers) {
            if (!layer.trim().equalsIgnoreCase("bronze")) {
                throw new QuantminiException(ExitCode.USAGE_OR_CONFIG, "--layers: " + layer
                        + " cannot be compacted (only bronze: features rewrites silver day files, which would double a compacted day)");
            }
        }
        YearMonth current = YearMonth.now(NEW_YORK);
        // an open month still receives days; compacting it would only be undone
        YearMonth limit = before == null || before.isAfter(current) ? current : before;
        CommandContext context = parent.context();
        LakeLayout layout = context.layout();
        PrintWriter out = spec.commandLine().getOut();
        MonthCompactor compactor = new MonthCompactor();
        int months = 0;
        int files = 0;
        long rows = 0;
        long bytesBefore = 0;
        long bytesAfter = 0;
        try (StageRunner lock = StageRunner.locked(context, out)) {
            for (DataType type : types) {
                Path root = layout.bronzeRoot(type);
                List<MonthCompaction> done;
                try {
                    done = compactor.compactLayer(root, limit);
                } catch (IOException e) {
                    throw new QuantminiException(ExitCode.JOB_FAILED, "compact bronze " + type + ": " + e.getMessage(), e);
                }
                for (MonthCompaction month : done) {
                    out.printf(Locale.ROOT, "bronze %s %s: merged %d files, %,d rows, %,d -> %,d bytes%n", type, month.month(),
                            month.filesMerged(), month.rows(), month.bytesBefore(), month.bytesAfter());
                    months++;
                    files += month.filesMerged();
                    rows += month.rows();
                    bytesBefore += month.bytesBefore();
                    bytesAfter += month.bytesAfter();
                }
            }
        }
        out.printf(Locale.ROOT, "compact: %d months compacted before %s, %d files merged, %,d rows, %,d -> %,d bytes%n",
                months, limit, files, rows, bytesBefore, bytesAfter);
        out.flush();
        return ExitCode.SUCCESS.code();
    }
}
