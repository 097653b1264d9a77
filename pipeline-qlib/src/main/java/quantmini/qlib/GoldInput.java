package quantmini.qlib;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The Parquet layer a gold tree is built from (silver, or bronze for the price fields). */
interface GoldInput {
    /** {@code silver} or {@code bronze}: recorded in the tree so that a switch forces a rebuild. */
    String layerName();

    /** Every trading date the layer holds, ascending, one entry per date. */
    List<InputDay> days() throws IOException;

    /** The numeric columns the files of {@code days} have (the union over the files). */
    List<String> numericColumns(Collection<InputDay> days) throws IOException;

    /** The distinct tickers of {@code days}. */
    Set<String> tickers(Collection<InputDay> days) throws IOException;

    /**
     * Streams the rows of {@code days}, one ticker at a time in ticker order, each ticker's rows
     * in (date, window_start) order. {@code columns} are read by name; a column a file lacks reads
     * as NaN.
     */
    void scan(Collection<InputDay> days, List<String> columns, Consumer<TickerBars> consumer) throws IOException;
}
