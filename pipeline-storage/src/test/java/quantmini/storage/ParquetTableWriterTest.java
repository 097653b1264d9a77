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
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
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

    private static final Schema NULLABLE = new Schema(List.of(
            Field.nullable("name", BronzeSchema.UTF8), Field.nullable("price", BronzeSchema.FLOAT64),
            Field.nullable("count", BronzeSchema.INT64), Field.nullable("day", BronzeSchema.DATE32)));

    /** 20,000 rows with a null in every column now and then, zeros of both signs and a NaN among the prices. */
    private static void fillNullable(VectorSchemaRoot batch) {
        batch.allocateNew();
        VarCharVector name = (VarCharVector) batch.getVector("name");
        Float8Vector price = (Float8Vector) batch.getVector("price");
        BigIntVector count = (BigIntVector) batch.getVector("count");
        DateDayVector day = (DateDayVector) batch.getVector("day");
        int rows = 20_000;
        for (int i = 0; i < rows; i++) {
            if (i % 7 != 3) {
                name.setSafe(i, ("N" + i / 50).getBytes(StandardCharsets.UTF_8));
            }
            if (i % 11 != 5) {
                price.setSafe(i, i == 9_000 ? -0.0 : i == 9_001 ? 0.0 : i == 15_000 ? Double.NaN : (i % 300) - 150.25);
            }
            if (i % 13 != 0) {
                count.setSafe(i, (long) i * 1_000_003L);
            }
            if (i % 17 != 1) {
                day.setSafe(i, 19_000 + i % 40);
            }
        }
        batch.setRowCount(rows);
    }

    @Test
    void rowsHandedOverInRangesGiveTheBytesOfRowsHandedOverOneByOne() throws Exception {
        Path ranges = root.resolve("ranges.parquet");
        Path single = root.resolve("single.parquet");
        Map<String, Integer> nulls = new HashMap<>();
        try (RootAllocator allocator = new RootAllocator(); VectorSchemaRoot batch = VectorSchemaRoot.create(NULLABLE, allocator)) {
            fillNullable(batch);
            batch.getFieldVectors().forEach(vector -> nulls.put(vector.getName(), vector.getNullCount()));
            ParquetOptions options = new ParquetOptions(6_000, 1_000, Set.of("name"), ParquetOptions.DEFAULT_ZSTD_LEVEL);
            try (ParquetTableWriter writer = ParquetTableWriter.open(ranges, NULLABLE, options)) {
                // ranges across row-group and page boundaries, an empty one, and a slice's rows
                writer.write(batch, 0, 5_999);
                writer.write(batch, 5_999, 5_999);
                writer.write(batch, 5_999, 13_333);
                try (VectorSchemaRoot rest = batch.slice(13_333, batch.getRowCount() - 13_333)) {
                    writer.writeAll(rest);
                }
            }
            try (ParquetTableWriter writer = ParquetTableWriter.open(single, NULLABLE, options)) {
                for (int i = 0; i < batch.getRowCount(); i++) {
                    writer.write(batch, i);
                }
            }
        }
        assertArrayEquals(Files.readAllBytes(single), Files.readAllBytes(ranges));
        try (Connection connection = DuckDb.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*), count(name), count(price), count(count), count(day) FROM read_parquet("
                        + DuckDb.literal(ranges) + ")")) {
            result.next();
            assertEquals(20_000, result.getLong(1));
            assertEquals(20_000 - nulls.get("name"), result.getLong(2));
            assertEquals(20_000 - nulls.get("price"), result.getLong(3));
            assertEquals(20_000 - nulls.get("count"), result.getLong(4));
            assertEquals(20_000 - nulls.get("day"), result.getLong(5));
        }
    }

    private Statistics<?> priceStatistics(double... prices) throws Exception {
        Schema schema = new Schema(List.of(BronzeSchema.required("price", BronzeSchema.FLOAT64)));
        Path file = root.resolve("prices-" + prices.length + "-" + Double.doubleToRawLongBits(prices[0]) + ".parquet");
        try (RootAllocator allocator = new RootAllocator(); VectorSchemaRoot batch = VectorSchemaRoot.create(schema, allocator);
                ParquetTableWriter writer = ParquetTableWriter.open(file, schema, ParquetOptions.bars())) {
            batch.allocateNew();
            for (int i = 0; i < prices.length; i++) {
                ((Float8Vector) batch.getVector(0)).setSafe(i, prices[i]);
            }
            batch.setRowCount(prices.length);
            writer.writeAll(batch);
        }
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file),
                org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            return reader.getRowGroups().get(0).getColumns().get(0).getStatistics();
        }
    }

    @Test
    void doubleStatisticsOrderValuesAsParquetDoesNegativeZeroFirst() throws Exception {
        Statistics<?> plain = priceStatistics(2.0, -1.5, 7.25, 3.0);
        assertEquals(-1.5, (Double) plain.genericGetMin());
        assertEquals(7.25, (Double) plain.genericGetMax());
        // in Parquet's order -0.0 comes before 0.0: a plain < would keep the first zero seen
        Statistics<?> zeros = priceStatistics(0.0, -0.0, 4.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) zeros.genericGetMin()));
        assertEquals(4.0, (Double) zeros.genericGetMax());
    }
}
