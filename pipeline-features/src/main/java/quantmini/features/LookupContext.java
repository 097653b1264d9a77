package quantmini.features;

import java.time.LocalDate;
import java.util.List;
import quantmini.core.DataType;

/** What a {@link Lookup} may read when it builds its join for one batch of output dates. */
public interface LookupContext {
    /** The output dates of the batch, ascending. */
    List<LocalDate> dates();

    /**
     * A SQL relation over {@code type}'s bronze rows of the batch's dates (all bronze columns, by
     * name), empty but well-typed when bronze holds none of them.
     */
    String bronze(DataType type);
}
