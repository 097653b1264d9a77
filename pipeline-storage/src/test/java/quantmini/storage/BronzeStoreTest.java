package quantmini.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quantmini.core.DataType;

class BronzeStoreTest {
    private static final LocalDate DAY1 = LocalDate.of(2024, 3, 27);
    private static final LocalDate DAY2 = LocalDate.of(2024, 3, 28);

    @TempDir
    Path root;

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void close() {
        allocator.close();
    }

    /** Writes {@code tickers} rows for {@code date} with the given volume. */
    private BronzeStore.DayWriter day(LocalDate date, int tickers, long volume, boolean failHalfWay) {
        return temp -> {
            try (VectorSchemaRoot batch = VectorSchemaRoot.create(BronzeSchema.stocks(), allocator);
                    ParquetTableWriter writer = ParquetTableWriter.open(temp, BronzeSchema.stocks(), ParquetOptions.bars())) {
                batch.allocateNew();
                for (int i = 0; i < tickers; i++) {
                    ((VarCharVector) batch.getVector(BronzeSchema.TICKER)).setSafe(i, ("T" + i).getBytes(StandardCharsets.UTF_8));
                    ((BigIntVector) batch.getVector(BronzeSchema.VOLUME)).setSafe(i, volume);
                    for (String price : List.of(BronzeSchema.OPEN, BronzeSchema.HIGH, BronzeSchema.LOW, BronzeSchema.CLOSE)) {
                        ((Float8Vector) batch.getVector(price)).setSafe(i, 1.5);
                    }
                    ((TimeStampVector) batch.getVector(BronzeSchema.WINDOW_START)).setSafe(i, date.toEpochDay() * 86_400_000_000L);
                    ((BigIntVector) batch.getVector(BronzeSchema.TRANSACTIONS)).setSafe(i, 1);
                    ((DateDayVector) batch.getVector(BronzeSchema.DATE)).setSafe(i, (int) date.toEpochDay());
                }
                batch.setRowCount(tickers);
                for (int i = 0; i < tickers; i++) {
                    if (failHalfWay && i == tickers / 2) {
                        throw new IOException("injected failure");
                    }
                    writer.write(batch, i);
                }
                return tickers;
            }
        };
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = DuckDb.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void aWriterThatFailsLeavesThePreviousDayAndNoTemporaryFile() throws Exception {
        BronzeStore store = new BronzeStore(new LakeLayout(root), allocator);
        Path file = store.layout().bronzeFile(DataType.STOCKS_DAILY, DAY2);
        store.replaceDay(DataType.STOCKS_DAILY, DAY2, day(DAY2, 10, 5, false));
        byte[] before = Files.readAllBytes(file);
        assertThrows(IOException.class, () -> store.replaceDay(DataType.STOCKS_DAILY, DAY2, day(DAY2, 10, 6, true)));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void replacingADayInACompactedMonthRewritesTheMonthWithoutIt() throws Exception {
        LakeLayout layout = new LakeLayout(root);
        BronzeStore store = new BronzeStore(layout, allocator);
        store.replaceDay(DataType.STOCKS_DAILY, DAY1, day(DAY1, 30, 1, false));
        store.replaceDay(DataType.STOCKS_DAILY, DAY2, day(DAY2, 20, 1, false));
        Path month = LakeLayout.compactedMonthFile(layout.bronzeRoot(DataType.STOCKS_DAILY), DAY1);
        List<String> days = new ArrayList<>();
        for (LocalDate d : List.of(DAY1, DAY2)) {
            days.add(DuckDb.literal(layout.bronzeFile(DataType.STOCKS_DAILY, d)));
        }
        try (Connection connection = DuckDb.connect(); Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * FROM read_parquet([" + String.join(",", days) + "])) TO " + DuckDb.literal(month) + " (FORMAT parquet)");
        }
        Files.delete(layout.bronzeFile(DataType.STOCKS_DAILY, DAY1));
        Files.delete(layout.bronzeFile(DataType.STOCKS_DAILY, DAY2));
        byte[] monthBefore = Files.readAllBytes(month);

        // a failing re-ingest leaves the month alone
        assertThrows(IOException.class, () -> store.replaceDay(DataType.STOCKS_DAILY, DAY2, day(DAY2, 25, 2, true)));
        assertArrayEquals(monthBefore, Files.readAllBytes(month));

        store.replaceDay(DataType.STOCKS_DAILY, DAY2, day(DAY2, 25, 2, false));
        String all = "read_parquet(" + DuckDb.literal(layout.bronzeRoot(DataType.STOCKS_DAILY).resolve("**").resolve("*.parquet")) + ")";
        assertEquals(55, count("SELECT count(*) FROM " + all));
        assertEquals(25, count("SELECT count(*) FROM " + all + " WHERE date = DATE '" + DAY2 + "' AND volume = 2"));
        assertEquals(30, count("SELECT count(*) FROM read_parquet(" + DuckDb.literal(month) + ")"));
        assertEquals(30, store.tickerRows(DataType.STOCKS_DAILY, DAY1).size());
        assertEquals(25, store.tickerRows(DataType.STOCKS_DAILY, DAY2).size());

        // the month's last day leaves: no empty month file stays behind
        store.replaceDay(DataType.STOCKS_DAILY, DAY1, day(DAY1, 0, 1, false));
        assertFalse(Files.exists(month));
        assertFalse(Files.exists(layout.bronzeFile(DataType.STOCKS_DAILY, DAY1)));
        assertEquals(25, count("SELECT count(*) FROM " + all));
    }
}
