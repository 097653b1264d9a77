package quantmini.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The decompression limit: {@code gzip -dc} over the inputs of the download and bronze cases, one
 * process reading the files one after the other into {@code /dev/null}. Every quantmini stage
 * that reads a flat file inflates it at least once; this is what that costs one core.
 */
final class FloorCase implements BenchCase {
    @Override
    public String name() {
        return "floor";
    }

    @Override
    public String describe() {
        return "gzip -dc FILE > /dev/null over the download and bronze inputs (no reference: it is one)";
    }

    @Override
    public List<CaseResult> run(BenchContext context) throws Exception {
        List<CaseResult> results = new ArrayList<>();
        results.add(floor(context, "download files", CaseInputs.downloadBucket(context)));
        results.add(floor(context, "stocks_minute day", CaseInputs.stocksMinuteDay(context)));
        results.add(floor(context, "options_minute day", CaseInputs.optionsMinuteDay(context)));
        results.add(floor(context, "stocks_daily files", CaseInputs.stocksDailyFiles(context)));
        return results;
    }

    private static CaseResult floor(BenchContext context, String input, InputSet files) throws Exception {
        List<String> gzip = List.of("sh", "-c", "find \"$1\" -name '*.csv.gz' -print0 | sort -z | xargs -0 gzip -dc > /dev/null", "gzip-floor",
                files.folder().toString());
        Side side = new ProcessSide("gzip -dc", context.processes("floor/" + input, Map.of()), gzip, Side.Reset.NONE);
        return CaseResult.alone("floor/" + input, files.describe(), side.measure(context.sizes().plan()));
    }
}
