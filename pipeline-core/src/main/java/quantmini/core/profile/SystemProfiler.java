package quantmini.core.profile;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Clock;

/** Measures the machine and recommends an ingest mode and limits for it. */
public final class SystemProfiler {
    private final HardwareProbe probe;
    private final ProfileRecommender recommender;
    private final Clock clock;

    public SystemProfiler(HardwareProbe probe, ProfileRecommender recommender, Clock clock) {
        this.probe = requireNonNull(probe, "probe is null");
        this.recommender = requireNonNull(recommender, "recommender is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The profiler of the real machine. */
    public static SystemProfiler ofThisMachine() {
        return new SystemProfiler(new OshiHardwareProbe(), new ProfileRecommender(), Clock.systemUTC());
    }

    public SystemProfile profile(Path dataRoot) {
        HardwareFacts hardware = probe.probe(requireNonNull(dataRoot, "dataRoot is null"));
        return new SystemProfile(clock.instant(), hardware, recommender.recommend(hardware));
    }
}
