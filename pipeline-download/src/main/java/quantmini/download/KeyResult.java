package quantmini.download;

import static java.util.Objects.requireNonNull;

import quantmini.core.FlatFileKey;
import quantmini.core.Preconditions;

/**
 * The mirror's outcome for one key.
 *
 * @param key the day file
 * @param outcome what happened
 * @param bytes bytes landed by this run (0 unless fetched)
 * @param attempts fetch attempts made (0 when skipped)
 * @param reason for {@link MirrorOutcome#FAILED}, one line naming the key and the cause; else empty
 */
public record KeyResult(FlatFileKey key, MirrorOutcome outcome, long bytes, int attempts, String reason) {
    public KeyResult {
        requireNonNull(key, "key is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(reason, "reason is null");
        Preconditions.checkArgument(bytes >= 0, "bytes must not be negative: %s", bytes);
        Preconditions.checkArgument((outcome == MirrorOutcome.FAILED) != reason.isEmpty(),
                "a reason goes with FAILED and only with it: %s '%s'", outcome, reason);
    }

    static KeyResult skipped(FlatFileKey key) {
        return new KeyResult(key, MirrorOutcome.SKIPPED, 0, 0, "");
    }

    static KeyResult failed(FlatFileKey key, int attempts, String reason) {
        return new KeyResult(key, MirrorOutcome.FAILED, 0, attempts, reason);
    }
}
