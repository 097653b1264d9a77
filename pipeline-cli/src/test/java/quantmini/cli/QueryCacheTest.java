package quantmini.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCacheTest {
    @TempDir
    Path temp;

    private static QueryResult answer(String value) {
        return new QueryResult(List.of(new QueryResult.Column("x", QueryResult.Kind.TEXT),
                new QueryResult.Column("n", QueryResult.Kind.NUMBER)), List.of(Arrays.asList(value, null)), false);
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() throws Exception {
        QueryCache cache = new QueryCache(temp.resolve("cache"), 2, 1 << 20);
        String a = QueryCache.key("a", 10, List.of());
        String b = QueryCache.key("b", 10, List.of());
        String c = QueryCache.key("c", 10, List.of());
        cache.put(a, answer("a"));
        Thread.sleep(20);
        cache.put(b, answer("b"));
        Thread.sleep(20);
        assertEquals(Optional.of(answer("a")), cache.get(a), "a round trip keeps NULL cells and kinds");
        Thread.sleep(20);
        cache.put(c, answer("c"));
        assertTrue(cache.get(a).isPresent());
        assertTrue(cache.get(b).isEmpty(), "b was used least recently");
        assertTrue(cache.get(c).isPresent());
    }

    @Test
    void theByteBoundEvictsAndAnOversizedAnswerIsNotKept() throws Exception {
        QueryCache cache = new QueryCache(temp.resolve("cache"), 64, 300);
        String big = QueryCache.key("big", 10, List.of());
        cache.put(big, answer("y".repeat(400)));
        assertTrue(cache.get(big).isEmpty());
        String a = QueryCache.key("a", 10, List.of());
        String b = QueryCache.key("b", 10, List.of());
        cache.put(a, answer("a".repeat(120)));
        Thread.sleep(20);
        cache.put(b, answer("b".repeat(120)));
        assertTrue(cache.get(a).isEmpty(), "two entries exceed 300 bytes");
        assertTrue(cache.get(b).isPresent());
    }

    @Test
    void theKeyFollowsTheFilesSizesAndTimes() throws Exception {
        Path file = Files.writeString(temp.resolve("f.parquet"), "1");
        String before = QueryCache.key("q", 10, List.of(file));
        assertEquals(before, QueryCache.key("q", 10, List.of(file)));
        assertNotEquals(before, QueryCache.key("q", 11, List.of(file)));
        assertNotEquals(before, QueryCache.key("q", 10, List.of()));
        Files.writeString(file, "12");
        assertNotEquals(before, QueryCache.key("q", 10, List.of(file)));
    }

    @Test
    void onlyReadOnlyStableQueriesAreCached() {
        assertTrue(QueryCache.cacheable("SELECT count(*) FROM bronze.stocks_daily"));
        assertTrue(QueryCache.cacheable("  with t AS (SELECT 1) SELECT * FROM t"));
        assertTrue(QueryCache.cacheable("(SELECT 1) UNION (SELECT 2)"));
        assertTrue(QueryCache.cacheable("SELECT nowhere FROM t"), "a column named like a function is fine");
        assertTrue(!QueryCache.cacheable("COPY (SELECT 1) TO 'x.csv'"));
        assertTrue(!QueryCache.cacheable("CREATE TABLE t AS SELECT 1"));
        assertTrue(QueryCache.cacheable("SELECT 1;"));
        assertTrue(!QueryCache.cacheable("SELECT 1; COPY (SELECT 1) TO 'x.csv'"));
        assertTrue(!QueryCache.cacheable("SELECT random()"));
        assertTrue(!QueryCache.cacheable("SELECT now()"));
        assertTrue(!QueryCache.cacheable("SELECT * FROM read_parquet('/elsewhere/*.parquet')"));
    }

    @Test
    void aDamagedEntryIsAMiss() throws Exception {
        QueryCache cache = new QueryCache(temp.resolve("cache"), 4, 1 << 20);
        String a = QueryCache.key("a", 10, List.of());
        cache.put(a, answer("a"));
        Files.writeString(temp.resolve("cache").resolve(a + ".json"), "{not json");
        assertTrue(cache.get(a).isEmpty());
    }
}
