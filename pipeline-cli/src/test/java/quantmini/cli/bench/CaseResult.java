package quantmini.cli.bench;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One row of the results: what was measured on which input, beside its reference measured in the
 * same run. The ratio is measured time over reference time: below 1 means quantmini is faster.
 *
 * @param name the case and its workload, e.g. {@code bronze/stocks_minute day}
 * @param input what the workload reads, e.g. {@code 1 file, 2,001,412 rows, 24.3 MB gzip}
 */
record CaseResult(String name, String input, Sample measured, Optional<Sample> reference) {
    CaseResult {
        requireNonNull(name, "name is null");
        requireNonNull(input, "input is null");
        requireNonNull(measured, "measured is null");
        requireNonNull(reference, "reference is null");
    }

    static CaseResult of(String name, String input, Sample measured, Sample reference) {
        return new CaseResult(name, input, measured, Optional.of(reference));
    }

    static CaseResult alone(String name, String input, Sample measured) {
        return new CaseResult(name, input, measured, Optional.empty());
    }

    Optional<Double> ratio() {
        return reference.map(r -> measured.median() / r.median());
    }
}
