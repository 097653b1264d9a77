package quantmini.cli.bench;

/** One side of a case (quantmini or its reference), measured by the plan. */
interface Side {
    Sample measure(Plan plan) throws Exception;

    /** Work to do before every run, not timed: e.g. emptying the folder the run writes into. */
    @FunctionalInterface
    interface Reset {
        Reset NONE = () -> {};

        void run() throws Exception;
    }
}
