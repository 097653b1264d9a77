package quantmini.core.config;

/** Where flat files come from. */
public enum SourceKind {
    /** The vendor's S3-compatible bucket (or a mirror of it). */
    S3,
    /** A local folder in the bucket's key layout: the embedded demo and air-gapped users. */
    LOCAL
}
