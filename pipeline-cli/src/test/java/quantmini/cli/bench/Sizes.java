package quantmini.cli.bench;

/**
 * The input sizes and run counts of a suite run. {@link #full} is sized like the vendor's data (a
 * ~2 M-row stock minute day, a ~5 M-row option minute day); {@link #quick} keeps every case but
 * shrinks the inputs and runs, so the whole suite finishes in minutes on two cores.
 *
 * @param plan runs of the cases that take seconds
 * @param heavyPlan runs of the cases that take tens of seconds (download, gold, end to end)
 * @param batchMode whether bronze also runs in batch mode (streaming, the mode the profile
 *     recommends below 32 GB, always runs)
 */
record Sizes(
        String name,
        Plan plan,
        Plan heavyPlan,
        boolean batchMode,
        int downloadFiles,
        int downloadTickers,
        int minuteTickers,
        int optionUnderlyings,
        int dailyTickers,
        int dailyFiles,
        int goldSymbols,
        int goldDays,
        int endToEndTickers,
        int endToEndUnderlyings,
        double endToEndMinuteActivity,
        int endToEndDays) {

    static Sizes full() {
        return new Sizes("full", new Plan(1, 5), new Plan(1, 3), true, 200, 1_000, 5_500, 190, 5_000, 250, 5_000, 1_250, 500, 8, 1.0, 20);
    }

    static Sizes quick() {
        return new Sizes("quick", new Plan(1, 2), new Plan(1, 2), false, 20, 1_000, 1_000, 20, 500, 60, 500, 250, 60, 4, 0.3, 5);
    }
}
