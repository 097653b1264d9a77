package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import quantmini.core.Preconditions;

/** One ticker's rows on one day in bronze, with its contract terms for options. */
public record TickerDay(String ticker, long rows, Optional<ContractTerms> contract) {
    public TickerDay {
        requireNonNull(ticker, "ticker is null");
        requireNonNull(contract, "contract is null");
        Preconditions.checkArgument(rows > 0, "rows must be positive: %s", rows);
    }
}
