package quantmini.cli.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import quantmini.core.DataType;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.storage.LakeLayout;

/**
 * The full silver build (read bronze, compute every feature, write one file per date) against
 * DuckDB merely reading every column of the same bronze: the reference does none of the feature
 * work, so it is the floor of the read, not an equivalent.
 */
final class SilverCase implements BenchCase {
    @Override
    public String name() {
        return "silver";
    }

    @Override
    public String describe() {
        return "quantmini features (full build) vs DuckDB reading every column of the same bronze";
    }

    @Override
    public List<CaseResult> run(BenchContext context) throws Exception {
        InputSet bronze = CaseInputs.bronzeForSilver(context);
        LocalDate day = CaseInputs.DAY;
        LocalDate first = UsEquityCalendar.minusTradingDays(day, context.sizes().dailyFiles() - 1);
        return List.of(
                build(context, bronze, DataType.STOCKS_DAILY, first, day, context.sizes().dailyFiles() + " stocks_daily dates"),
                build(context, bronze, DataType.STOCKS_MINUTE, day, day, "stocks_minute day"));
    }

    private static CaseResult build(BenchContext context, InputSet bronze, DataType type, LocalDate from, LocalDate to, String input)
            throws Exception {
        Plan plan = context.sizes().plan();
        String lake = bronze.folder().toString();
        String row = "silver/" + input;
        Sample duckdb = context.referenceWorker("DuckDB read all columns", row, "duckdb-scan", lake, type.id()).measure(plan);
        Sample silver = context.quantminiWorker("quantmini features", row, Optional.empty(),
                "silver", lake, type.id(), from.toString(), to.toString()).measure(plan);
        int files = Inputs.files(new LakeLayout(bronze.folder()).bronzeRoot(type), ".parquet").size();
        return CaseResult.of("silver/" + input, String.format(Locale.ROOT, "%,d bronze file%s", files, files == 1 ? "" : "s"),
                silver, duckdb);
    }
}
