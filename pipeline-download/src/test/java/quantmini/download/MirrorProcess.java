package quantmini.download;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import quantmini.core.DataType;
import quantmini.core.progress.ProgressListener;
import quantmini.storage.LakeLayout;

/**
 * A mirror run in a process of its own, so that a test can kill it with SIGKILL mid-download.
 * Arguments: endpoint bucket dataRoot from to (stocks_minute); credentials from LoopbackS3.
 */
public final class MirrorProcess {
    private MirrorProcess() {}

    public static void main(String[] args) {
        SourceSettings settings = LoopbackS3.settingsFor(URI.create(args[0]), args[1]);
        try (FlatFileSource source = FlatFileSource.open(settings, 2)) {
            var entries = new FlatFileCatalog(source, RetryPolicy.defaults())
                    .list(DataType.STOCKS_MINUTE, LocalDate.parse(args[3]), LocalDate.parse(args[4]));
            MirrorResult result = new LandingMirror(source, new LakeLayout(Path.of(args[2])), MirrorSettings.defaults().withConcurrentDownloads(2))
                    .mirror(entries, ProgressListener.NONE);
            System.out.println(result.summaryLine());
        }
    }
}
