package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import quantmini.core.Preconditions;

/**
 * Which fields a gold tree holds: the price fields Qlib's loaders need, then every numeric feature
 * column of the input, narrowed by the {@code qlib.fields_include} / {@code qlib.fields_exclude}
 * lists (include first, exclude after).
 */
public final class FieldSelection {
    /** The fields every tree offers (DESIGN.md §4), in file order. */
    public static final List<String> BASE_FIELDS = List.of("open", "high", "low", "close", "volume", "vwap", "change", "factor");

    /**
     * Input columns that are keys or descriptors, not values over time. {@code transactions} is a
     * bronze count, not one of the fields DESIGN.md §4 lists; include it by name to get it.
     */
    static final Set<String> NON_FEATURE_COLUMNS = Set.of("ticker", "date", "window_start", "transactions",
            "underlying", "expiration", "option_type", "strike", "year", "month");

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final List<String> include;
    private final List<String> exclude;

    public FieldSelection(List<String> include, List<String> exclude) {
        this.include = List.copyOf(requireNonNull(include, "include is null"));
        this.exclude = List.copyOf(requireNonNull(exclude, "exclude is null"));
        for (String name : this.include) {
            checkName(name);
        }
        for (String name : this.exclude) {
            checkName(name);
        }
    }

    /** Every field the input offers. */
    public static FieldSelection all() {
        return new FieldSelection(List.of(), List.of());
    }

    /**
     * The fields of a tree whose input has these numeric columns. With an include list, a listed
     * field the input cannot give is an error, so that a typo never silently drops a field.
     */
    public List<String> resolve(Collection<String> numericColumns) {
        requireNonNull(numericColumns, "numericColumns is null");
        Set<String> available = new LinkedHashSet<>(BASE_FIELDS);
        Set<String> features = new TreeSet<>();
        for (String column : numericColumns) {
            if (!BASE_FIELDS.contains(column) && !NON_FEATURE_COLUMNS.contains(column)) {
                checkName(column);
                features.add(column);
            }
        }
        available.addAll(features);
        if (numericColumns.contains("transactions") && include.contains("transactions")) {
            available.add("transactions");
        }
        List<String> chosen = new ArrayList<>();
        for (String field : available) {
            if ((include.isEmpty() || include.contains(field)) && !exclude.contains(field)) {
                chosen.add(field);
            }
        }
        for (String wanted : include) {
            Preconditions.checkArgument(available.contains(wanted),
                    "qlib.fields_include names '%s', which the input does not have (it has %s)", wanted, available);
        }
        Preconditions.checkArgument(!chosen.isEmpty(), "qlib.fields_include/fields_exclude leave no field to write");
        return List.copyOf(chosen);
    }

    private static void checkName(String name) {
        Preconditions.checkArgument(name != null && FIELD_NAME.matcher(name).matches(),
                "'%s' cannot be a Qlib field name (letters, digits and _, starting with a letter)", name);
    }

    @Override
    public String toString() {
        return "FieldSelection[include=" + include + ", exclude=" + exclude + "]";
    }
}
