package quantmini.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quantmini.core.Preconditions;
import quantmini.core.io.AtomicFiles;

/**
 * Answers of earlier queries, one JSON file per answer under {@code <data_root>/tmp/query-cache/},
 * least recently used evicted first. The key is the SQL text, the row limit, and the path, size
 * and modification time of every file the views read: an answer is reused only while none of
 * those changed and no file came or went. The cache is an optimisation, so any trouble reading or
 * writing it is logged and the query runs as if it were absent.
 */
final class QueryCache {
    private static final Logger LOG = LoggerFactory.getLogger(QueryCache.class);
    private static final String SUFFIX = ".json";

    private final Path folder;
    private final int maxEntries;
    private final long maxBytes;
    private final ObjectMapper json = new ObjectMapper();

    QueryCache(Path folder, int maxEntries, long maxBytes) {
        this.folder = requireNonNull(folder, "folder is null");
        Preconditions.checkArgument(maxEntries > 0, "maxEntries must be positive, was %s", maxEntries);
        Preconditions.checkArgument(maxBytes > 0, "maxBytes must be positive, was %s", maxBytes);
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** Statements that only read; any other (COPY, CREATE, SET, ...) must run every time for its effect. */
    private static final Pattern READ_ONLY = Pattern.compile(
            "(?is)^\\s*(\\(\\s*)*(SELECT|WITH|FROM|VALUES|TABLE|DESCRIBE|SUMMARIZE|SHOW|PIVOT|UNPIVOT)\\b.*");
    /** Functions whose answer changes between runs over the same files. */
    private static final Pattern VOLATILE = Pattern.compile(
            "(?i)\\b(random|setseed|uuid|gen_random_uuid|now|current_date|current_time|current_timestamp|get_current_time|"
                    + "get_current_timestamp|today|nextval|currval|read_csv\\w*|read_json\\w*|read_parquet|glob)\\b");

    /**
     * True when an answer of {@code sql} may be reused: a read-only statement that neither calls
     * a volatile function nor reads files outside the views (their changes would not show in the key).
     */
    static boolean cacheable(String sql) {
        // a second statement after a ';' may write; a ';' inside a literal only costs a cache miss
        boolean oneStatement = sql.strip().replaceAll(";+$", "").indexOf(';') < 0;
        return oneStatement && READ_ONLY.matcher(sql).matches() && !VOLATILE.matcher(sql).find();
    }

    /** The key of {@code sql} limited to {@code maxRows} over {@code files} as they are now. */
    static String key(String sql, int maxRows, List<Path> files) throws IOException {
        requireNonNull(sql, "sql is null");
        StringBuilder text = new StringBuilder(sql).append('\u0000').append(maxRows);
        for (Path file : files) {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            text.append('\u0000').append(file.toAbsolutePath()).append('|').append(attributes.size())
                    .append('|').append(attributes.lastModifiedTime().toMillis());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The cached answer of {@code key}, marked as just used; empty when there is none. */
    Optional<QueryResult> get(String key) {
        Path entry = entry(key);
        try {
            QueryResult result = json.readValue(Files.readAllBytes(entry), QueryResult.class);
            Files.setLastModifiedTime(entry, FileTime.from(Instant.now()));
            return Optional.of(result);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable query cache entry {}: {}", entry, e.getMessage());
            return Optional.empty();
        }
    }

    /** Stores {@code result} under {@code key} (atomically), then evicts down to the bounds. */
    void put(String key, QueryResult result) {
        requireNonNull(result, "result is null");
        try {
            byte[] bytes = json.writeValueAsBytes(result);
            if (bytes.length > maxBytes) {
                return; // one answer larger than the whole cache would only evict everything else
            }
            Files.createDirectories(folder);
            AtomicFiles.write(entry(key), out -> out.write(bytes));
            evict();
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot write the query cache under {}: {}", folder, e.getMessage());
        }
    }

    private void evict() throws IOException {
        record Entry(Path path, long size, FileTime used) {}
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path path : list.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).collect(Collectors.toList())) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    entries.add(new Entry(path, attributes.size(), attributes.lastModifiedTime()));
                } catch (NoSuchFileException e) {
                    // evicted by another process meanwhile
                }
            }
        }
        entries.sort(Comparator.comparing(Entry::used).reversed());
        long bytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            bytes += entry.size();
            if (i >= maxEntries || bytes > maxBytes) {
                Files.deleteIfExists(entry.path());
            }
        }
    }

    private Path entry(String key) {
        Preconditions.checkArgument(key.matches("[0-9a-f]{64}"), "not a cache key: %s", key);
        return folder.resolve(key + SUFFIX);
    }
}
