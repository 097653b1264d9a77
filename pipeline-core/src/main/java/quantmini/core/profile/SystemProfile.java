package quantmini.core.profile;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** The machine's figures and what quantmini recommends for it, as of one measurement. */
public record SystemProfile(Instant generatedAt, HardwareFacts hardware, ResourceLimits recommended) {
    public SystemProfile {
        requireNonNull(generatedAt, "generatedAt is null");
        requireNonNull(hardware, "hardware is null");
        requireNonNull(recommended, "recommended is null");
    }
}
