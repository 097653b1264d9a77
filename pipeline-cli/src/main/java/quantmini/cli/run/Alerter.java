package quantmini.cli.run;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells someone about a run that failed or found data problems: runs the configured command
 * with the report's path, and posts the report to the configured webhook. An alert that cannot
 * be delivered is logged; it never changes the outcome of the run it reports on.
 */
public final class Alerter {
    private static final Logger LOG = LoggerFactory.getLogger(Alerter.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Optional<String> command;
    private final Optional<URI> webhook;

    public Alerter(Optional<String> command, Optional<URI> webhook) {
        this.command = requireNonNull(command, "command is null");
        this.webhook = requireNonNull(webhook, "webhook is null");
    }

    /** Alerts when {@code outcome} is a failure or the run quarantined rows; returns whether it did. */
    public boolean notifyIfNeeded(Path report, String outcome, long quarantinedRows) {
        requireNonNull(report, "report is null");
        if (!"failed".equals(outcome) && quarantinedRows == 0) {
            return false;
        }
        command.ifPresent(line -> runCommand(line, report, outcome));
        webhook.ifPresent(url -> post(url, report));
        return command.isPresent() || webhook.isPresent();
    }

    private static void runCommand(String line, Path report, String outcome) {
        // the report path goes in as $1 of the shell, so no quoting of it can break the command
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", line + " \"$1\"", "quantmini-alert", report.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("QUANTMINI_RUN_OUTCOME", outcome);
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                LOG.error("alert command did not finish within {} s: {}", TIMEOUT.toSeconds(), line);
            } else if (process.exitValue() != 0) {
                LOG.error("alert command exited with {}: {}", process.exitValue(), line);
            }
        } catch (IOException e) {
            LOG.error("alert command could not start: {}: {}", line, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void post(URI url, Path report) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(report)).build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                LOG.error("alert webhook {} answered HTTP {}", url.getHost(), status);
            }
        } catch (IOException e) {
            LOG.error("alert webhook {} failed: {}", url.getHost(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
