package quantmini.cli.bench;

import java.util.List;

/** One case of the suite, named on the command line: runs its workloads and their references. */
interface BenchCase {
    String name();

    /** What {@code scripts/bench --help} says the case measures. */
    String describe();

    List<CaseResult> run(BenchContext context) throws Exception;
}
