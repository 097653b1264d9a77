package quantmini.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import quantmini.cli.run.TerminalProgress;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.FlatFileKey;
import quantmini.core.memory.MemoryMonitor;
import quantmini.core.memory.ProcessMemoryUsageSource;
import quantmini.core.profile.ResourceLimits;
import quantmini.ingest.BronzeIngestor;
import quantmini.ingest.DayReport;
import quantmini.ingest.IngestOptions;
import quantmini.ingest.IngestSummary;
import quantmini.storage.LandingInventory;

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
        List<FlatFileKey> keys = new ArrayList<>();
        LandingInventory landing = new LandingInventory(context.layout());
        for (DataType type : selection.types(context.config())) {
            keys.addAll(landing.keys(type, selection.from(), selection.to()));
        }
        PrintWriter out = spec.commandLine().getOut();
        ResourceLimits limits = context.limits();
        out.printf("ingest: %d landed files, %s mode%n", keys.size(), limits.mode().name().toLowerCase(Locale.ROOT));
        out.flush();
        IngestSummary summary;
        try (MemoryMonitor monitor = new MemoryMonitor(new ProcessMemoryUsageSource(), limits.memoryBudgetBytes());
                BronzeIngestor ingestor = new BronzeIngestor(context.layout(), limits.mode(),
                        IngestOptions.of(limits.chunkRows(), limits.workerThreads()))) {
            monitor.addListener(ingestor);
            monitor.start(Duration.ofSeconds(1));
            summary = ingestor.ingest(keys, TerminalProgress.forThisProcess());
        }
        out.printf(Locale.ROOT, "ingest: %d days, rows in %,d, written %,d, quarantined %,d, %.1f s, %,.0f rows/s%n",
                summary.days().size(), summary.rowsIn(), summary.rowsWritten(), summary.rowsQuarantined(), summary.seconds(),
                summary.rowsPerSecond());
        for (DayReport failure : summary.failures()) {
            out.println("  failed " + failure.key() + ": " + failure.error().orElse("unknown error"));
        }
        out.flush();
        return summary.succeeded() ? ExitCode.SUCCESS.code() : ExitCode.JOB_FAILED.code();
    }
}
