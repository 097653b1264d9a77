package quantmini.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.config.IngestMode;
import quantmini.core.progress.ProgressListener;
import quantmini.storage.LakeLayout;

/**
 * Run in a JVM of its own (with {@code -Xmx512m}) by {@link StreamingMemoryTest}: ingests the
 * given stocks-minute days of a lake in streaming mode and prints the summary and the peak RSS.
 */
public final class StreamingMemoryCheck {
    private StreamingMemoryCheck() {}

    public static void main(String[] args) throws Exception {
        LakeLayout layout = new LakeLayout(Path.of(args[0]));
        List<FlatFileKey> keys = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            keys.add(new FlatFileKey(DataType.STOCKS_MINUTE, LocalDate.parse(args[i])));
        }
        try (BronzeIngestor ingestor = new BronzeIngestor(layout, IngestMode.STREAMING, IngestOptions.defaults())) {
            IngestSummary summary = ingestor.ingest(keys, ProgressListener.NONE);
            for (DayReport day : summary.days()) {
                System.out.println("day " + day.key().date() + " in=" + day.rowsIn() + " written=" + day.rowsWritten()
                        + " quarantined=" + day.rowsQuarantined() + " seconds=" + day.seconds() + " error=" + day.error().orElse("-"));
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM")) {
                System.out.println("peak " + line.replaceAll("\\s+", " "));
            }
        }
        System.out.println("maxHeap " + Runtime.getRuntime().maxMemory());
    }
}
