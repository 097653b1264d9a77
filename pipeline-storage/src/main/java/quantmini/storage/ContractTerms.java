package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/** What an option ticker stands for (DESIGN.md §1). */
public record ContractTerms(String underlying, LocalDate expiration, String optionType, double strike) {
    public ContractTerms {
        requireNonNull(underlying, "underlying is null");
        requireNonNull(expiration, "expiration is null");
        requireNonNull(optionType, "optionType is null");
    }
}
