package quantmini.cli.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import quantmini.core.Preconditions;

/**
 * What one side of a case measured: the wall seconds of its warm-up runs (not counted) and of its
 * measured runs, and the peak resident set of its process(es) in kB ({@code -1} where unknown).
 */
record Sample(String label, List<Double> warmups, List<Double> seconds, long peakRssKb) {
    Sample {
        requireNonNull(label, "label is null");
        warmups = List.copyOf(warmups);
        seconds = List.copyOf(seconds);
        Preconditions.checkArgument(!seconds.isEmpty(), "%s measured no run", label);
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        return sorted().get(seconds.size() - 1);
    }

    /**
     * Two steps a user runs one after the other, as one side: run i of the sum is run i of each
     * (same number of runs), and the peak is the larger one, since they do not overlap.
     */
    Sample then(String newLabel, Sample next) {
        Preconditions.checkArgument(seconds.size() == next.seconds.size() && warmups.size() == next.warmups.size(),
                "%s and %s measured different numbers of runs", label, next.label);
        return new Sample(newLabel, pairwiseSum(warmups, next.warmups), pairwiseSum(seconds, next.seconds),
                Math.max(peakRssKb, next.peakRssKb));
    }

    private static List<Double> pairwiseSum(List<Double> a, List<Double> b) {
        List<Double> sum = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            sum.add(a.get(i) + b.get(i));
        }
        return sum;
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        return sorted;
    }
}
