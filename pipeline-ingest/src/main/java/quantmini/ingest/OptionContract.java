package quantmini.ingest;

import static java.util.Objects.requireNonNull;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import quantmini.core.Preconditions;

/**
 * The parts of an OCC option symbol with Polygon's {@code O:} prefix (DESIGN.md §1), e.g.
 * {@code O:AAPL250117C00150000}. Parsed from the right: the last 15 characters are fixed width
 * ({@code YYMMDD}, {@code C}/{@code P}, strike in thousandths over 8 digits) and the underlying is
 * whatever stands between the prefix and them, digits included ({@code SPXW}, {@code AAPL1}).
 */
public record OptionContract(String underlying, LocalDate expiration, char optionType, double strike) {
    private static final String PREFIX = "O:";
    private static final int FIXED_TAIL = 15;

    public OptionContract {
        requireNonNull(underlying, "underlying is null");
        requireNonNull(expiration, "expiration is null");
        Preconditions.checkArgument(!underlying.isEmpty(), "underlying is empty");
        Preconditions.checkArgument(optionType == 'C' || optionType == 'P', "option type must be C or P: %s", optionType);
    }

    /** The contract of {@code ticker}, or empty when it is not a well-formed OCC symbol. */
    public static Optional<OptionContract> parse(String ticker) {
        requireNonNull(ticker, "ticker is null");
        int length = ticker.length();
        if (!ticker.startsWith(PREFIX) || length < PREFIX.length() + 1 + FIXED_TAIL) {
            return Optional.empty();
        }
        int tail = length - FIXED_TAIL;
        int yy = digits(ticker, tail, 2);
        int mm = digits(ticker, tail + 2, 2);
        int dd = digits(ticker, tail + 4, 2);
        char type = ticker.charAt(tail + 6);
        int strikeThousandths = digits(ticker, tail + 7, 8);
        if (yy < 0 || mm < 0 || dd < 0 || strikeThousandths < 0 || (type != 'C' && type != 'P')) {
            return Optional.empty();
        }
        LocalDate expiration;
        try {
            expiration = LocalDate.of(2000 + yy, mm, dd);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        // an exact division of two exactly representable doubles: correctly rounded
        return Optional.of(new OptionContract(ticker.substring(PREFIX.length(), tail), expiration, type,
                strikeThousandths / 1000.0));
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
