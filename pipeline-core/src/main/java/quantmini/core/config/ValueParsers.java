package quantmini.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The parsers configuration keys are built from. Each rejects with a reason a user can act on. */
public final class ValueParsers {
    private ValueParsers() {}

    public static ValueParser<String> text() {
        return raw -> {
            if (raw instanceof String && !((String) raw).isBlank()) {
                return ((String) raw).trim();
            }
            if (raw instanceof Number || raw instanceof Boolean) {
                return raw.toString();
            }
            throw new IllegalArgumentException("is not a non-empty text");
        };
    }

    public static ValueParser<Path> path() {
        return raw -> {
            String text = text().parse(raw);
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("is not a valid path");
            }
        };
    }

    public static ValueParser<URI> httpUrl() {
        return raw -> {
            String text = text().parse(raw);
            try {
                URI uri = new URI(text);
                if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    throw new IllegalArgumentException("is not an http(s) URL with a host");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("is not a URL");
            }
        };
    }

    public static ValueParser<Integer> integer(int min, int max) {
        return raw -> {
            long value;
            if (raw instanceof Integer || raw instanceof Long) {
                value = ((Number) raw).longValue();
            } else if (raw instanceof String) {
                try {
                    value = Long.parseLong(((String) raw).trim().replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("is not a whole number");
                }
            } else {
                throw new IllegalArgumentException("is not a whole number");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(String.format("must be between %d and %d", min, max));
            }
            return (int) value;
        };
    }

    public static ValueParser<Double> decimal(double minExclusive, double maxInclusive) {
        return raw -> {
            double value;
            if (raw instanceof Number) {
                value = ((Number) raw).doubleValue();
            } else if (raw instanceof String) {
                try {
                    value = Double.parseDouble(((String) raw).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("is not a number");
                }
            } else {
                throw new IllegalArgumentException("is not a number");
            }
            if (!(value > minExclusive && value <= maxInclusive)) {
                throw new IllegalArgumentException(String.format("must be above %s and at most %s", minExclusive, maxInclusive));
            }
            return value;
        };
    }

    public static ValueParser<LocalDate> date() {
        return raw -> {
            if (raw instanceof Date) {
                // SnakeYAML reads an unquoted 2020-10-18 as a timestamp at UTC midnight
                return ((Date) raw).toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
            }
            try {
                return LocalDate.parse(text().parse(raw));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is not a date in the form YYYY-MM-DD");
            }
        };
    }

    /** One of the constants of {@code type}, written in lower case ({@code streaming}). */
    public static <E extends Enum<E>> ValueParser<E> oneOf(Class<E> type) {
        return raw -> {
            String text = text().parse(raw).toUpperCase(Locale.ROOT);
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(text)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        };
    }

    /** One of a fixed set of words, compared without case, returned as given in {@code allowed}. */
    public static ValueParser<String> word(Collection<String> allowed) {
        return raw -> {
            String text = text().parse(raw);
            return allowed.stream().filter(a -> a.equalsIgnoreCase(text)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("is not one of " + String.join(", ", allowed)));
        };
    }

    /**
     * A list, written in YAML as a sequence or anywhere as a comma-separated text; each element
     * parsed by {@code element}. An empty list is allowed.
     */
    public static <T> ValueParser<List<T>> listOf(ValueParser<T> element) {
        return raw -> {
            List<?> items;
            if (raw instanceof List) {
                items = (List<?>) raw;
            } else if (raw instanceof String) {
                String text = ((String) raw).trim();
                items = text.isEmpty() ? List.of() : Arrays.stream(text.split(",")).map(String::trim).collect(Collectors.toList());
            } else {
                throw new IllegalArgumentException("is not a list");
            }
            List<T> parsed = new ArrayList<>();
            for (Object item : items) {
                try {
                    parsed.add(element.parse(item));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("has an element '" + item + "' that " + e.getMessage());
                }
            }
            return List.copyOf(parsed);
        };
    }

    /** Parses a text with a function that throws {@link IllegalArgumentException} itself. */
    public static <T> ValueParser<T> from(Function<String, T> function) {
        return raw -> function.apply(text().parse(raw));
    }
}
