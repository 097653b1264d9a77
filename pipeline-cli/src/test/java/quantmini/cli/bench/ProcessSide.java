package quantmini.cli.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/** A command run once per warm-up and measured run, each a fresh process. */
record ProcessSide(String label, TimedProcess process, List<String> command, Side.Reset reset) implements Side {
    ProcessSide {
        requireNonNull(label, "label is null");
        requireNonNull(process, "process is null");
        command = List.copyOf(command);
        requireNonNull(reset, "reset is null");
    }

    @Override
    public Sample measure(Plan plan) throws Exception {
        List<Double> warmups = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        long peak = -1;
        for (int i = 0; i < plan.total(); i++) {
            reset.run();
            TimedProcess.Run run = process.run(label + "-" + i, command);
            (i < plan.warmups() ? warmups : seconds).add(run.seconds());
            peak = Math.max(peak, run.peakRssKb());
        }
        return new Sample(label, warmups, seconds, peak);
    }
}
