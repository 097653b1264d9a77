package quantmini.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import quantmini.cli.run.TerminalProgress;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.config.ConfigKeys;
import quantmini.core.config.PipelineConfig;
import quantmini.download.CatalogEntry;
import quantmini.download.FlatFileCatalog;
import quantmini.download.FlatFileSource;
import quantmini.download.KeyResult;
import quantmini.download.LandingMirror;
import quantmini.download.MirrorResult;
import quantmini.download.MirrorSettings;
import quantmini.download.RetryPolicy;
import quantmini.download.SourceSettings;

/** {@code quantmini download}: mirror the source's flat files into landing. */
@Command(
        name = "download",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        header = "Mirror flat files from the source into the landing layer.",
        description = {
            "",
            "Lists the source (the vendor's S3 bucket, or a local folder with",
            "QUANTMINI_SOURCE=local:DIR) for the dates that exist in the range, and copies",
            "each file byte for byte to landing/polygon-s3/{data_type}/YYYY/MM/DATE.csv.gz.",
            "A file already landed with the same size and ETag is skipped; a republished",
            "one is fetched again. Failed dates are listed at the end (exit code 1); the",
            "others complete. No partial file is ever left in landing.",
            ""
        })
final class DownloadCommand implements Callable<Integer> {
    @ParentCommand
    QuantminiCommand parent;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    DataSelection selection;

    @Override
    public Integer call() {
        CommandContext context = parent.context();
        PipelineConfig config = context.config();
        LocalDate from = selection.from();
        LocalDate to = selection.to();
        SourceSettings settings = SourceSettingsFactory.from(config);
        int concurrency = context.limits().concurrentDownloads();
        RetryPolicy defaults = RetryPolicy.defaults();
        RetryPolicy retry = new RetryPolicy(config.require(ConfigKeys.DOWNLOAD_MAX_ATTEMPTS), defaults.baseDelay(), defaults.maxDelay());
        MirrorSettings mirrorSettings = MirrorSettings.defaults().withConcurrentDownloads(concurrency).withRetry(retry)
                .withAttemptTimeout(Duration.ofSeconds(config.require(ConfigKeys.DOWNLOAD_OBJECT_TIMEOUT_SECONDS)));
        PrintWriter out = spec.commandLine().getOut();
        try (FlatFileSource source = FlatFileSource.open(settings, concurrency)) {
            FlatFileCatalog catalog = new FlatFileCatalog(source, retry);
            List<CatalogEntry> entries = new ArrayList<>();
            for (DataType type : selection.types(config)) {
                List<CatalogEntry> listed = catalog.list(type, from, to);
                out.printf("%s: %d files from %s to %s in %s%n", type, listed.size(), from, to, source.describe());
                entries.addAll(listed);
            }
            out.flush();
            MirrorResult result = new LandingMirror(source, context.layout(), mirrorSettings)
                    .mirror(entries, TerminalProgress.forThisProcess());
            out.println("download: " + result.summaryLine());
            for (KeyResult failure : result.failures()) {
                out.println("  failed " + failure.key() + ": " + failure.reason());
            }
            out.flush();
            return result.allSucceeded() ? ExitCode.SUCCESS.code() : ExitCode.JOB_FAILED.code();
        }
    }
}
