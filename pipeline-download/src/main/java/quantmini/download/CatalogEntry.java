package quantmini.download;

import static java.util.Objects.requireNonNull;

import quantmini.core.FlatFileKey;
import quantmini.core.Preconditions;

/**
 * One day's flat file that the source has, as the catalog found it by listing.
 *
 * @param key the data type and date; {@link FlatFileKey#objectKey()} is its key in the source
 * @param size its length in bytes at listing time
 * @param etag its entity tag at listing time (unquoted); a republished day gets a new one
 */
public record CatalogEntry(FlatFileKey key, long size, String etag) {
    public CatalogEntry {
        requireNonNull(key, "key is null");
        requireNonNull(etag, "etag is null");
        Preconditions.checkArgument(size >= 0, "size must not be negative: %s", size);
    }
}
