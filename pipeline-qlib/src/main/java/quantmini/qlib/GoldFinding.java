package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import quantmini.core.DataType;
import quantmini.core.validation.Finding;
import quantmini.core.validation.LakeLayer;

/**
 * One thing the validator found wrong with a tree.
 *
 * @param kind what is wrong
 * @param symbol the instrument (and Polygon ticker where they differ), or empty for tree-wide findings
 * @param field the field, or empty
 * @param date the calendar entry, or empty
 * @param message what was expected and what was found
 */
public record GoldFinding(Kind kind, String symbol, String field, String date, String message) {
    /** The kinds of mismatch. */
    public enum Kind {
        /** The calendar is missing, unsorted, duplicated or not what the session implies. */
        CALENDAR,
        /** A line of instruments/all.txt is malformed or its span is not the input's. */
        INSTRUMENTS,
        /** A feature folder without an instrument, or an instrument without a folder. */
        FOLDER,
        /** A field file is missing or extra. */
        FILE,
        /** A .bin file's length differs from what its instrument's span implies. */
        LENGTH,
        /** Element 0 of a .bin file is not its instrument's first calendar index. */
        START_INDEX,
        /** A value differs from the input after float32 rounding. */
        VALUE,
        /** The input the tree was built from is missing. */
        INPUT
    }

    public GoldFinding {
        requireNonNull(kind, "kind is null");
        requireNonNull(symbol, "symbol is null");
        requireNonNull(field, "field is null");
        requireNonNull(date, "date is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        StringBuilder text = subject();
        if (!date.isEmpty()) {
            text.append(" date=").append(date);
        }
        return text.append(": ").append(message).toString();
    }

    /** The finding in the terms every layer reports in; {@code tree} names the gold tree, relative to the data root. */
    public Finding toFinding(DataType type, String tree) {
        requireNonNull(type, "type is null");
        requireNonNull(tree, "tree is null");
        return new Finding(LakeLayer.GOLD, type, date, tree, subject().append(": ").append(message).toString());
    }

    /** The kind, and the symbol and field where there are. */
    private StringBuilder subject() {
        StringBuilder text = new StringBuilder(kind.name());
        if (!symbol.isEmpty()) {
            text.append(" symbol=").append(symbol);
        }
        if (!field.isEmpty()) {
            text.append(" field=").append(field);
        }
        return text;
    }
}
