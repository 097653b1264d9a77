package quantmini.download;

import static java.util.Objects.requireNonNull;

/**
 * What one fetch wrote to disk, as the source announced it, so the mirror can check the file.
 *
 * @param contentLength the length the source announced (Content-Length); -1 if it announced none
 * @param etag the entity tag of the bytes fetched (unquoted); may differ from the listing's if
 *     the object was replaced in between, and then it is the one to remember
 */
public record FetchedObject(long contentLength, String etag) {
    public FetchedObject {
        requireNonNull(etag, "etag is null");
    }
}
