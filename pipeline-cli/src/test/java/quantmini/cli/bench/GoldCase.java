package quantmini.cli.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import quantmini.core.DataType;
import quantmini.core.io.FileTrees;
import quantmini.storage.LakeLayout;

/**
 * The full Qlib conversion of a silver stocks_daily layer (one .bin per symbol and field, each
 * forced to disk) against DuckDB reading the same columns ordered by symbol and date, every value
 * fetched over JDBC: the read the conversion cannot avoid.
 */
final class GoldCase implements BenchCase {
    @Override
    public String name() {
        return "gold";
    }

    @Override
    public String describe() {
        return "quantmini qlib (full build) vs DuckDB reading the same silver ordered by symbol and date";
    }

    @Override
    public List<CaseResult> run(BenchContext context) throws Exception {
        InputSet silver = CaseInputs.silverForGold(context);
        Plan plan = context.sizes().heavyPlan();
        String lake = silver.folder().toString();
        String type = DataType.STOCKS_DAILY.id();
        Sample duckdb = context.referenceWorker("DuckDB ordered read", "gold", "duckdb-ordered", lake, type).measure(plan);
        Sample gold = context.quantminiWorker("quantmini qlib", "gold", Optional.empty(), "gold", lake, type).measure(plan);
        FileTrees.deleteRecursively(new LakeLayout(silver.folder()).qlibRoot(DataType.STOCKS_DAILY));
        return List.of(CaseResult.of("gold/stocks_daily", String.format(Locale.ROOT, "%,d silver files, %,d rows, %d symbols x 20 fields",
                silver.files(), silver.rows(), context.sizes().goldSymbols()), gold, duckdb));
    }
}
