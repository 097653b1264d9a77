package quantmini.cli.bench;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.io.FileTrees;

/**
 * {@code quantmini backfill} of all four data types over a range of trading days, from the
 * loopback S3 server, with the runnable jar: download, bronze, silver and the Qlib trees. The
 * reference is what a user scripts for the first two layers: {@code aws s3 cp --recursive} of the
 * same objects, then one DuckDB {@code COPY ... TO parquet} per file. It computes no features and
 * writes no Qlib tree, so a ratio above 1 is expected: it shows what those layers cost on top.
 */
final class EndToEndCase implements BenchCase {
    private static final LocalDate FIRST = LocalDate.of(2024, 3, 1);

    @Override
    public String name() {
        return "e2e";
    }

    @Override
    public String describe() {
        return "quantmini backfill of 20 trading days (5 with --quick) x 4 data types from a loopback S3Proxy vs aws s3 cp + DuckDB COPY per file";
    }

    @Override
    public List<CaseResult> run(BenchContext context) throws Exception {
        Sizes sizes = context.sizes();
        List<LocalDate> days = UsEquityCalendar.tradingDays(FIRST, FIRST.plusYears(1)).subList(0, sizes.endToEndDays());
        LocalDate last = days.get(days.size() - 1);
        String bucketName = String.format(Locale.ROOT, "e2e-t%d-u%d-a%s-d%d", sizes.endToEndTickers(), sizes.endToEndUnderlyings(),
                Double.toString(sizes.endToEndMinuteActivity()).replace('.', 'p'), days.size());
        TimedProcess generator = context.processes("e2e", Map.of());
        InputSet bucket = context.inputs().cached(CaseInputs.bucketName(context, bucketName), folder -> {
            generator.run("sample-data", context.quantmini("sample-data", "--out", folder.toString(), "--from", FIRST.toString(),
                    "--to", last.toString(), "--tickers", Integer.toString(sizes.endToEndTickers()),
                    "--option-underlyings", Integer.toString(sizes.endToEndUnderlyings()),
                    "--minute-activity", Double.toString(sizes.endToEndMinuteActivity())));
            return Inputs.summarize(folder, -1);
        });
        LoopbackS3Process s3 = context.s3();
        Path lake = context.scratch("e2e-lake");
        Path copy = context.scratch("e2e-awscli");
        Path parquet = context.scratch("e2e-duckdb");
        Plan plan = sizes.heavyPlan();
        Sample backfill = new ProcessSide("quantmini backfill", context.processes("e2e", s3.quantminiEnvironment(bucketName)),
                context.measuredQuantmini("e2e", "--data-root", lake.toString(), "backfill", "--from", FIRST.toString(), "--to", last.toString()),
                () -> FileTrees.deleteRecursively(lake)).measure(plan);
        FileTrees.deleteRecursively(lake);
        Sample aws = new ProcessSide("aws s3 cp --recursive", context.processes("e2e", s3.awsEnvironment()),
                s3.awsCopy("s3://" + bucketName + "/", copy),
                () -> FileTrees.deleteRecursively(copy)).measure(plan);
        Sample duckdb = context.referenceWorker("DuckDB COPY TO parquet", "e2e", "duckdb-copy", copy.toString(), parquet.toString())
                .measure(plan);
        FileTrees.deleteRecursively(copy);
        FileTrees.deleteRecursively(parquet);
        List<CaseResult> results = new ArrayList<>();
        results.add(CaseResult.of("e2e/backfill, 4 data types x " + days.size() + " days", bucket.describe(), backfill,
                aws.then("aws s3 cp + DuckDB COPY per file", duckdb)));
        return results;
    }
}
