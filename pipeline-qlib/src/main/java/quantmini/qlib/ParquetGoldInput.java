package quantmini.qlib;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import quantmini.core.DataType;
import quantmini.core.ExitCode;
import quantmini.core.Preconditions;
import quantmini.core.QuantminiException;
import quantmini.core.io.AtomicFiles;
import quantmini.storage.LakeLayout;

/**
 * Reads a bronze or silver layer with DuckDB, by column name, so that silver's extra feature
 * columns come along without this module knowing them. Day files ({@code YYYY-MM-DD.parquet}) and
 * compacted months ({@code month.parquet}) are both read.
 */
final class ParquetGoldInput implements GoldInput {
    private static final Pattern DAY_FILE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\.parquet");
    private static final String MONTH_FILE = "month.parquet";
    private static final Set<String> NUMERIC_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "FLOAT", "REAL", "DOUBLE");

    /** Rows one sorted query may hold; more are read in ticker ranges so that DuckDB's sort stays small. */
    static final long DEFAULT_ROWS_PER_PASS = 10_000_000L;

    private final Path layerRoot;
    private final String layerName;
    private final Optional<Path> spillFolder;
    private final long rowsPerPass;

    /**
     * @param spillFolder where DuckDB may spill a sort that outgrows memory (the lake's {@code tmp/})
     * @param rowsPerPass the most rows one sorted query reads; a larger input is read in ticker ranges
     */
    public ParquetGoldInput(Path layerRoot, String layerName, Optional<Path> spillFolder, long rowsPerPass) {
        this.layerRoot = requireNonNull(layerRoot, "layerRoot is null").toAbsolutePath().normalize();
        this.layerName = requireNonNull(layerName, "layerName is null");
        this.spillFolder = requireNonNull(spillFolder, "spillFolder is null");
        Preconditions.checkArgument(rowsPerPass > 0, "rowsPerPass must be positive: %s", rowsPerPass);
        this.rowsPerPass = rowsPerPass;
    }

    public ParquetGoldInput(Path layerRoot, String layerName) {
        this(layerRoot, layerName, Optional.empty(), DEFAULT_ROWS_PER_PASS);
    }

    /** The input of {@code type}'s gold tree in {@code layer}; {@link SourceLayer#AUTO} prefers silver. */
    public static ParquetGoldInput open(LakeLayout lake, DataType type, SourceLayer layer) {
        requireNonNull(lake, "lake is null");
        requireNonNull(type, "type is null");
        requireNonNull(layer, "layer is null");
        SourceLayer chosen = layer;
        if (layer == SourceLayer.AUTO) {
            chosen = hasParquet(lake.silverRoot(type)) ? SourceLayer.SILVER : SourceLayer.BRONZE;
        }
        Path root = chosen == SourceLayer.SILVER ? lake.silverRoot(type) : lake.bronzeRoot(type);
        return new ParquetGoldInput(root, chosen.name().toLowerCase(Locale.ROOT), Optional.of(lake.spillRoot()), DEFAULT_ROWS_PER_PASS);
    }

    @Override
    public String layerName() {
        return layerName;
    }

    public Path layerRoot() {
        return layerRoot;
    }

    @Override
    public List<InputDay> days() throws IOException {
        if (!Files.isDirectory(layerRoot)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(layerRoot)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !AtomicFiles.isTemporary(p) && !p.getFileName().toString().startsWith("."))
                    .filter(p -> DAY_FILE.matcher(p.getFileName().toString()).matches()
                            || p.getFileName().toString().equals(MONTH_FILE))
                    .sorted()
                    .collect(Collectors.toList());
        }
        Map<LocalDate, InputDay> byDate = new TreeMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            List<LocalDate> dates = name.equals(MONTH_FILE)
                    ? datesIn(file)
                    : List.of(LocalDate.parse(name.substring(0, name.length() - ".parquet".length())));
            String relative = layerRoot.relativize(file).toString().replace('\\', '/');
            long size = Files.size(file);
            long modified = Files.getLastModifiedTime(file).toMillis();
            for (LocalDate date : dates) {
                InputDay day = new InputDay(date, file, relative, size, modified);
                InputDay clash = byDate.put(date, day);
                if (clash != null) {
                    throw new QuantminiException(ExitCode.JOB_FAILED, String.format(
                            "%s holds %s twice: in %s and in %s", layerRoot, date, clash.relativePath(), relative));
                }
            }
        }
        return List.copyOf(byDate.values());
    }

    @Override
    public List<String> numericColumns(Collection<InputDay> days) throws IOException {
        if (days.isEmpty()) {
            return List.of();
        }
        List<String> columns = new ArrayList<>();
        try (Connection duckdb = connect(); Statement statement = duckdb.createStatement();
                ResultSet schema = statement.executeQuery("DESCRIBE SELECT * FROM " + source(days))) {
            while (schema.next()) {
                String type = schema.getString(2).toUpperCase(Locale.ROOT);
                if (NUMERIC_TYPES.contains(type) || type.startsWith("DECIMAL")) {
                    columns.add(schema.getString(1));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read the schema of " + layerRoot, e);
        }
        return List.copyOf(columns);
    }

    @Override
    public void scan(Collection<InputDay> days, List<String> columns, Consumer<TickerBars> consumer) throws IOException {
        requireNonNull(consumer, "consumer is null");
        if (days.isEmpty()) {
            return;
        }
        List<String> wanted = List.copyOf(columns);
        String select = "SELECT ticker, datediff('day', DATE '1970-01-01', date) AS d, epoch_us(window_start) AS ws"
                + wanted.stream().map(c -> ", " + quoteIdentifier(c)).collect(Collectors.joining())
                + " FROM " + source(days) + " WHERE date IN (" + dateList(days) + ")";
        try (Connection duckdb = connect()) {
            for (String range : tickerRanges(duckdb, days)) {
                scanRange(duckdb, select + range + " ORDER BY ticker, date, window_start", wanted, consumer);
            }
        } catch (SQLException e) {
            throw failure("cannot read " + layerRoot, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void scanRange(Connection duckdb, String select, List<String> wanted, Consumer<TickerBars> consumer)
            throws SQLException {
        try (Statement statement = duckdb.createStatement(); ResultSet rows = statement.executeQuery(select)) {
            Accumulator current = null;
            while (rows.next()) {
                String ticker = rows.getString(1);
                if (current == null || !current.ticker.equals(ticker)) {
                    if (current != null) {
                        consumer.accept(current.finish(wanted));
                    }
                    current = new Accumulator(ticker, wanted.size());
                }
                current.add(rows);
            }
            if (current != null) {
                consumer.accept(current.finish(wanted));
            }
        }
    }

    /**
     * SQL conditions that split the input into ticker ranges of about {@link #rowsPerPass} rows
     * each (one empty condition when it is small), in ascending ticker order. Day files are sorted
     * by ticker, so each range reads only the row groups whose statistics overlap it.
     */
    private List<String> tickerRanges(Connection duckdb, Collection<InputDay> days) throws SQLException {
        long rows = 0;
        Set<String> files = new LinkedHashSet<>();
        for (InputDay day : days) {
            files.add(quote(day.file().toString()));
        }
        try (Statement statement = duckdb.createStatement();
                ResultSet count = statement.executeQuery("SELECT sum(num_rows) FROM parquet_file_metadata([" + String.join(", ", files) + "])")) {
            if (count.next()) {
                rows = count.getLong(1);
            }
        }
        if (rows <= rowsPerPass) {
            return List.of("");
        }
        List<String> tickers = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet distinct = statement.executeQuery("SELECT DISTINCT ticker FROM " + source(days)
                        + " WHERE date IN (" + dateList(days) + ") ORDER BY ticker")) {
            while (distinct.next()) {
                tickers.add(distinct.getString(1));
            }
        }
        int passes = (int) Math.min(tickers.size(), (rows + rowsPerPass - 1) / rowsPerPass);
        List<String> ranges = new ArrayList<>(passes);
        for (int p = 0; p < passes; p++) {
            String low = tickers.get((int) ((long) tickers.size() * p / passes));
            boolean last = p == passes - 1;
            String high = last ? null : tickers.get((int) ((long) tickers.size() * (p + 1) / passes));
            ranges.add(" AND ticker >= " + quote(low) + (last ? "" : " AND ticker < " + quote(high)));
        }
        return ranges;
    }

    @Override
    public Set<String> tickers(Collection<InputDay> days) throws IOException {
        Set<String> tickers = new java.util.HashSet<>();
        if (days.isEmpty()) {
            return tickers;
        }
        try (Connection duckdb = connect(); Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT ticker FROM " + source(days)
                        + " WHERE date IN (" + dateList(days) + ")")) {
            while (rows.next()) {
                tickers.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw failure("cannot read the tickers of " + layerRoot, e);
        }
        return tickers;
    }

    private List<LocalDate> datesIn(Path monthFile) throws IOException {
        List<LocalDate> dates = new ArrayList<>();
        try (Connection duckdb = connect(); Statement statement = duckdb.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT datediff('day', DATE '1970-01-01', date) FROM read_parquet("
                        + quote(monthFile.toString()) + ") ORDER BY 1")) {
            while (rows.next()) {
                dates.add(LocalDate.ofEpochDay(rows.getLong(1)));
            }
        } catch (SQLException e) {
            throw failure("cannot read the dates of " + monthFile, e);
        }
        return dates;
    }

    private static String source(Collection<InputDay> days) {
        Set<String> files = new LinkedHashSet<>();
        for (InputDay day : days) {
            files.add(quote(day.file().toString()));
        }
        return "read_parquet([" + String.join(", ", files) + "], union_by_name = true)";
    }

    private static String dateList(Collection<InputDay> days) {
        return days.stream().map(d -> "DATE '" + d.date() + "'").distinct().collect(Collectors.joining(", "));
    }

    private Connection connect() throws IOException {
        try {
            Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = duckdb.createStatement()) {
                statement.execute("SET TimeZone = 'UTC'");
                if (spillFolder.isPresent()) {
                    Files.createDirectories(spillFolder.get());
                    statement.execute("SET temp_directory = " + quote(spillFolder.get().toString()));
                }
            }
            return duckdb;
        } catch (SQLException e) {
            throw new IOException("cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    private static boolean hasParquet(Path root) {
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.anyMatch(p -> p.getFileName().toString().endsWith(".parquet") && !AtomicFiles.isTemporary(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static IOException failure(String what, SQLException e) {
        return new IOException(what + ": " + e.getMessage(), e);
    }

    /** Grows one ticker's arrays as its rows arrive. */
    private static final class Accumulator {
        private final String ticker;
        private int size;
        private int[] days = new int[16];
        private long[] starts = new long[16];
        private double[][] values;

        Accumulator(String ticker, int columns) {
            this.ticker = ticker;
            this.values = new double[columns][16];
        }

        void add(ResultSet row) throws SQLException {
            if (size == days.length) {
                int capacity = size * 2;
                days = Arrays.copyOf(days, capacity);
                starts = Arrays.copyOf(starts, capacity);
                for (int c = 0; c < values.length; c++) {
                    values[c] = Arrays.copyOf(values[c], capacity);
                }
            }
            days[size] = row.getInt(2);
            starts[size] = row.getLong(3);
            for (int c = 0; c < values.length; c++) {
                double value = row.getDouble(c + 4);
                values[c][size] = row.wasNull() ? Double.NaN : value;
            }
            size++;
        }

        TickerBars finish(List<String> columns) {
            return new TickerBars(ticker, size, days, starts, columns, values);
        }
    }
}
