package quantmini.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTableWriterTest {
    private static final int ROWS = 150_000;

    @TempDir
    Path root;

    private Path write(String name) throws Exception {
        Path file = root.resolve(name);
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot batch = VectorSchemaRoot.create(BronzeSchema.stocks(), allocator);
                ParquetTableWriter writer = ParquetTableWriter.open(file, BronzeSchema.stocks(), ParquetOptions.bars())) {
            batch.allocateNew();
            for (int i = 0; i < ROWS; i++) {
                // 1,500 tickers of 100 rows each, in bronze order
                ((VarCharVector) batch.getVector(BronzeSchema.TICKER)).setSafe(i, String.format("T%04d", i / 100).getBytes(StandardCharsets.UTF_8));
                ((BigIntVector) batch.getVector(BronzeSchema.VOLUME)).setSafe(i, i);
                ((Float8Vector) batch.getVector(BronzeSchema.OPEN)).setSafe(i, i / 100.0);
                ((Float8Vector) batch.getVector(BronzeSchema.HIGH)).setSafe(i, i / 100.0 + 1);
                ((Float8Vector) batch.getVector(BronzeSchema.LOW)).setSafe(i, i / 100.0 - 1);
                ((Float8Vector) batch.getVector(BronzeSchema.CLOSE)).setSafe(i, i / 100.0 + 0.5);
                ((TimeStampVector) batch.getVector(BronzeSchema.WINDOW_START)).setSafe(i, 1_711_632_600_000_000L + (i % 100) * 60_000_000L);
                ((BigIntVector) batch.getVector(BronzeSchema.TRANSACTIONS)).setSafe(i, i % 7);
                ((DateDayVector) batch.getVector(BronzeSchema.DATE)).setSafe(i, 19810);
            }
            batch.setRowCount(ROWS);
            writer.writeAll(batch);
            assertEquals(ROWS, writer.rowsWritten());
        }
        return file;
    }

    @Test
    void layoutServesPerTickerReads() throws Exception {
        Path file = write("a.parquet");
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            List<BlockMetaData> groups = reader.getRowGroups();
            assertEquals(3, groups.size(), "64 Ki rows per group");
            assertEquals(65_536, groups.get(0).getRowCount());
            String previousMax = null;
            for (BlockMetaData group : groups) {
                Map<String, ColumnChunkMetaData> columns = new HashMap<>();
                for (ColumnChunkMetaData column : group.getColumns()) {
                    columns.put(column.getPath().toDotString(), column);
                    assertEquals(CompressionCodecName.ZSTD, column.getCodec());
                    assertFalse(column.getStatistics().isEmpty(), column.getPath() + " has statistics");
                    assertNotNull(reader.readColumnIndex(column), column.getPath() + " has a column index");
                    assertNotNull(reader.readOffsetIndex(column), column.getPath() + " has an offset index");
                }
                ColumnChunkMetaData ticker = columns.get("ticker");
                assertTrue(ticker.getEncodings().contains(Encoding.RLE_DICTIONARY), ticker.getEncodings().toString());
                for (String numeric : List.of("volume", "open", "window_start")) {
                    assertFalse(columns.get(numeric).getEncodings().contains(Encoding.RLE_DICTIONARY), numeric);
                }
                // sorted input: groups cover disjoint ticker ranges, so statistics skip them
                String min = new String(ticker.getStatistics().getMinBytes(), StandardCharsets.UTF_8);
                String max = new String(ticker.getStatistics().getMaxBytes(), StandardCharsets.UTF_8);
                assertTrue(previousMax == null || previousMax.compareTo(min) <= 0);
                previousMax = max;
                assertTrue(reader.readOffsetIndex(ticker).getPageCount() >= (group.getRowCount() + 8191) / 8192, "pages of at most 8 Ki rows");
            }
        }
        try (Connection connection = DuckDb.connect(); Statement statement = connection.createStatement()) {
            Map<String, String> types = new HashMap<>();
            try (ResultSet result = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + DuckDb.literal(file) + ")")) {
                while (result.next()) {
                    types.put(result.getString(1), result.getString(2));
                }
            }
            assertEquals(Map.of("ticker", "VARCHAR", "volume", "BIGINT", "open", "DOUBLE", "high", "DOUBLE", "low", "DOUBLE",
                    "close", "DOUBLE", "window_start", "TIMESTAMP WITH TIME ZONE", "transactions", "BIGINT", "date", "DATE"), types);
            try (ResultSet result = statement.executeQuery("SELECT count(*), sum(volume), min(date), max(epoch_us(window_start)) FROM read_parquet("
                    + DuckDb.literal(file) + ") WHERE ticker = 'T0042'")) {
                result.next();
                assertEquals(100, result.getLong(1));
                assertEquals(420_000 + 4950, result.getLong(2));
                assertEquals("2024-03-28", result.getString(3));
                assertEquals(1_711_632_600_000_000L + 99 * 60_000_000L, result.getLong(4));
            }
        }
    }

    @Test
    void equalRowsGiveEqualBytes() throws Exception {
        assertArrayEquals(Files.readAllBytes(write("a.parquet")), Files.readAllBytes(write("b.parquet")));
    }
}
