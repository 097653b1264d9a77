package quantmini.core.validation;

import static java.util.Objects.requireNonNull;

import quantmini.core.DataType;

/**
 * One thing a validator found wrong with a layer of the lake.
 *
 * @param date the trading date (or calendar entry) concerned, or empty for findings about a whole layer
 * @param file the file concerned, relative to the data root, or empty
 * @param reason what was expected and what was found, on one line
 */
public record Finding(LakeLayer layer, DataType type, String date, String file, String reason) {
    public Finding {
        requireNonNull(layer, "layer is null");
        requireNonNull(type, "type is null");
        requireNonNull(date, "date is null");
        requireNonNull(file, "file is null");
        requireNonNull(reason, "reason is null");
    }

    /** {@code <layer> <type> [<date>] [<file>]: <reason>}, the line a report prints. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(layer.id()).append(' ').append(type.id());
        if (!date.isEmpty()) {
            text.append(' ').append(date);
        }
        if (!file.isEmpty()) {
            text.append(' ').append(file);
        }
        return text.append(": ").append(reason).toString();
    }
}
