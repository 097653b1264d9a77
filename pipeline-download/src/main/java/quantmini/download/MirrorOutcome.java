package quantmini.download;

/** What the mirror did with one object. */
public enum MirrorOutcome {
    /** Not in landing before; now there, verified. */
    FETCHED,
    /** Already in landing with the listed size and ETag; left alone. */
    SKIPPED,
    /** In landing before but with another size or ETag (or none recorded): fetched again. */
    REFETCHED_CHANGED,
    /** Could not be mirrored; the reason says why. Landing holds whatever it held before. */
    FAILED;

    /** True when landing now holds new bytes for the key, which later stages must process. */
    public boolean landedNewBytes() {
        return this == FETCHED || this == REFETCHED_CHANGED;
    }
}
