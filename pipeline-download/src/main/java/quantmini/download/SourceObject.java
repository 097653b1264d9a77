package quantmini.download;

import static java.util.Objects.requireNonNull;

import quantmini.core.Preconditions;

/**
 * One object as a source lists it, before its key is read as a flat file.
 *
 * @param objectKey the full key, e.g. {@code us_stocks_sip/day_aggs_v1/2024/03/2024-03-28.csv.gz}
 * @param size its length in bytes
 * @param etag its entity tag without the surrounding quotes S3 puts on it
 */
public record SourceObject(String objectKey, long size, String etag) {
    public SourceObject {
        requireNonNull(objectKey, "objectKey is null");
        requireNonNull(etag, "etag is null");
        Preconditions.checkArgument(size >= 0, "size must not be negative: %s", size);
    }
}
