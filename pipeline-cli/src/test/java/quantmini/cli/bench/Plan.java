package quantmini.cli.bench;

import quantmini.core.Preconditions;

/** How often each side of a case runs: warm-up runs first (reported, not counted), then measured runs. */
record Plan(int warmups, int runs) {
    Plan {
        Preconditions.checkArgument(warmups >= 0, "warmups must not be negative: %s", warmups);
        Preconditions.checkArgument(runs > 0, "runs must be positive: %s", runs);
    }

    int total() {
        return warmups + runs;
    }
}
