package quantmini.core;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One trading day's flat file of one data type, and its object key in the vendor's bucket:
 * {@code {prefix}/{YYYY}/{MM}/{YYYY-MM-DD}.csv.gz} (DESIGN.md §1). The same relative path is used
 * by a local mirror folder and, under {@code landing/polygon-s3/{data_type}/}, by the lake.
 */
public record FlatFileKey(DataType dataType, LocalDate date) implements Comparable<FlatFileKey> {
    public static final String EXTENSION = ".csv.gz";

    public FlatFileKey {
        requireNonNull(dataType, "dataType is null");
        requireNonNull(date, "date is null");
        Preconditions.checkArgument(date.getYear() >= 1000 && date.getYear() <= 9999, "date out of range: %s", date);
    }

    /** The object key in the bucket, e.g. {@code us_stocks_sip/day_aggs_v1/2024/03/2024-03-28.csv.gz}. */
    public String objectKey() {
        return dataType.flatFilePrefix() + "/" + datePath();
    }

    /** The part below the data type's prefix: {@code YYYY/MM/YYYY-MM-DD.csv.gz}. */
    public String datePath() {
        return String.format("%04d/%02d/%s%s", date.getYear(), date.getMonthValue(), date, EXTENSION);
    }

    /**
     * Reads an object key back. Keys that are not a day file of a known type (folders, other
     * data sets, stray files) give an empty result, so listings can skip them.
     */
    public static Optional<FlatFileKey> parse(String objectKey) {
        requireNonNull(objectKey, "objectKey is null");
        for (DataType type : DataType.values()) {
            String prefix = type.flatFilePrefix() + "/";
            if (objectKey.startsWith(prefix)) {
                return parseDatePath(type, objectKey.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    /** Reads {@code YYYY/MM/YYYY-MM-DD.csv.gz} back; empty when the path is not of that form. */
    public static Optional<FlatFileKey> parseDatePath(DataType dataType, String datePath) {
        // YYYY/MM/YYYY-MM-DD.csv.gz
        if (datePath.length() != 8 + 10 + EXTENSION.length() || !datePath.endsWith(EXTENSION)) {
            return Optional.empty();
        }
        String dateText = datePath.substring(8, 18);
        try {
            LocalDate date = LocalDate.parse(dateText);
            FlatFileKey key = new FlatFileKey(dataType, date);
            return key.datePath().equals(datePath) ? Optional.of(key) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(FlatFileKey other) {
        int byType = dataType.compareTo(other.dataType);
        return byType != 0 ? byType : date.compareTo(other.date);
    }

    @Override
    public String toString() {
        return dataType.id() + " " + date;
    }
}
