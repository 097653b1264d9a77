package quantmini.download;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.io.AtomicFiles;
import quantmini.core.progress.ProgressListener;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.storage.LakeLayout;

/**
 * The two halves of {@code scripts/bench-download}, which runs a loopback S3 server in between:
 *
 * <pre>
 * generate ROOT FILES TICKERS      writes FILES stocks_minute day files into ROOT/flatfiles/
 * mirror ENDPOINT DATA_ROOT N      mirrors them from the server with N downloads in flight
 * </pre>
 *
 * Not a test: it measures. Five distinct days are generated and linked under the other dates,
 * so that a gigabyte of objects takes seconds to prepare instead of minutes.
 */
public final class DownloadBenchmark {
    private static final int DISTINCT_DAYS = 5;

    private DownloadBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else if (args.length == 4 && args[0].equals("mirror")) {
            mirror(URI.create(args[1]), Path.of(args[2]), Integer.parseInt(args[3]));
        } else {
            System.err.println("usage: generate ROOT FILES TICKERS | mirror ENDPOINT DATA_ROOT CONCURRENCY");
            System.exit(2);
        }
    }

    private static void generate(Path root, int files, int tickers) throws IOException {
        Path bucket = root.resolve("flatfiles");
        List<LocalDate> dates = UsEquityCalendar.tradingDays(LocalDate.of(2023, 1, 3), LocalDate.of(2025, 12, 31)).subList(0, files);
        FlatFileGenerator generator = new FlatFileGenerator(FixtureSpec.small().withStockTickers(tickers).withMinuteActivity(1.0));
        List<Path> distinct = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < files; i++) {
            Path target = bucket.resolve(new FlatFileKey(DataType.STOCKS_MINUTE, dates.get(i)).objectKey());
            Files.createDirectories(target.getParent());
            if (i < DISTINCT_DAYS) {
                byte[] day = generator.dayFile(DataType.STOCKS_MINUTE, dates.get(i));
                AtomicFiles.write(target, out -> out.write(day));
                distinct.add(target);
            } else {
                Files.deleteIfExists(target);
                Files.createLink(target, distinct.get(i % DISTINCT_DAYS));
            }
            bytes += Files.size(target);
        }
        System.out.printf("generated %d files, %.1f MB, under %s%n", files, bytes / 1e6, bucket);
    }

    private static void mirror(URI endpoint, Path dataRoot, int concurrency) {
        SourceSettings settings = SourceSettings.s3(endpoint, "flatfiles", SourceSettings.DEFAULT_REGION, "local-identity", "local-credential");
        MirrorSettings mirrorSettings = MirrorSettings.defaults().withConcurrentDownloads(concurrency);
        try (FlatFileSource source = FlatFileSource.open(settings, concurrency)) {
            List<CatalogEntry> entries = new FlatFileCatalog(source, RetryPolicy.defaults())
                    .list(DataType.STOCKS_MINUTE, LocalDate.of(2023, 1, 1), LocalDate.of(2025, 12, 31));
            MirrorResult result = new LandingMirror(source, new LakeLayout(dataRoot), mirrorSettings).mirror(entries, ProgressListener.NONE);
            System.out.println("quantmini mirror: " + result.summaryLine());
            if (!result.allSucceeded()) {
                System.exit(1);
            }
        }
    }
}
