package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import quantmini.core.FlatFileKey;
import quantmini.core.QuantminiException;
import quantmini.core.progress.ProgressListener;
import quantmini.storage.BronzeStore;

/**
 * One day's file from landing to the lake: the bronze file (replacing the day wherever it was),
 * then the quarantine file, then the metadata. A file that cannot be read fails before the first
 * rename, so the lake keeps its previous state; the error is returned, not thrown, so that the
 * other days of a run go on.
 */
final class DayPipeline {
    private final BronzeStore bronze;
    private final QuarantineWriter quarantine;
    private final DayMetadataRecorder metadata;

    DayPipeline(BronzeStore bronze, QuarantineWriter quarantine, DayMetadataRecorder metadata) {
        this.bronze = requireNonNull(bronze, "bronze is null");
        this.quarantine = requireNonNull(quarantine, "quarantine is null");
        this.metadata = requireNonNull(metadata, "metadata is null");
    }

    DayReport run(FlatFileKey key, DayWriteStrategy strategy, ProgressListener listener) {
        long start = System.nanoTime();
        Path source = bronze.layout().landingFile(key);
        try {
            if (!Files.isRegularFile(source)) {
                throw new QuantminiException(quantmini.core.ExitCode.JOB_FAILED, source + ":0: not in landing");
            }
            DayMetadataRecorder.Before before = metadata.before(key);
            DayContent[] content = new DayContent[1];
            try {
                bronze.replaceDay(key.dataType(), key.date(), temp -> {
                    content[0] = strategy.write(key, source, temp);
                    return content[0].sink().rows();
                });
            } catch (IOException | RuntimeException e) {
                // the replace failed whole (an unreadable file, say): bronze is as it was
                metadata.abandon(key);
                throw e;
            }
            DayContent day = content[0];
            day.rejects().resolveDuplicates(source);
            List<RejectedRow> rejected = day.rejects().sorted();
            quarantine.write(key.dataType(), key.date(), rejected);
            metadata.record(key, before, day, rejected.size());
            listener.bytesDone(Files.size(source));
            listener.rowsDone(day.rowsIn());
            listener.unitDone(key.toString(), true);
            return new DayReport(key, day.rowsIn(), day.sink().rows(), rejected.size(), seconds(start), Optional.empty());
        } catch (QuantminiException e) {
            listener.unitDone(key.toString(), false);
            return DayReport.failed(key, seconds(start), e.getMessage());
        } catch (IOException | RuntimeException e) {
            listener.unitDone(key.toString(), false);
            return DayReport.failed(key, seconds(start), source + ": " + e);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
