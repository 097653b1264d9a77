package quantmini.cli.bench;

import java.nio.file.Path;
import java.util.List;
import quantmini.core.io.FileTrees;

/**
 * {@code quantmini download} of a bucket of stocks_minute files from the loopback S3 server,
 * against {@code aws s3 cp --recursive} of the same objects from the same server; each run into an
 * empty folder. quantmini also reads each file through gzip and forces it to disk before its
 * rename (the floor case measures that read); awscli does neither.
 */
final class DownloadCase implements BenchCase {
    @Override
    public String name() {
        return "download";
    }

    @Override
    public String describe() {
        return "quantmini download vs aws s3 cp --recursive, from a loopback S3Proxy";
    }

    @Override
    public List<CaseResult> run(BenchContext context) throws Exception {
        InputSet bucket = CaseInputs.downloadBucket(context);
        String name = bucket.folder().getFileName().toString();
        LoopbackS3Process s3 = context.s3();
        Path lake = context.scratch("download-lake");
        Path copy = context.scratch("download-awscli");
        Side quantmini = new ProcessSide("quantmini download", context.processes("download", s3.quantminiEnvironment(name)),
                context.measuredQuantmini("download", "--data-root", lake.toString(), "download", "--data-types", "stocks_minute",
                        "--from", "2023-01-01", "--to", "2025-12-31"),
                () -> FileTrees.deleteRecursively(lake));
        Side aws = new ProcessSide("aws s3 cp --recursive", context.processes("download", s3.awsEnvironment()),
                s3.awsCopy("s3://" + name + "/us_stocks_sip/minute_aggs_v1/", copy),
                () -> FileTrees.deleteRecursively(copy));
        Plan plan = context.sizes().heavyPlan();
        Sample ours = quantmini.measure(plan);
        Sample theirs = aws.measure(plan);
        FileTrees.deleteRecursively(lake);
        FileTrees.deleteRecursively(copy);
        return List.of(CaseResult.of("download/stocks_minute files", bucket.describe(), ours, theirs));
    }
}
