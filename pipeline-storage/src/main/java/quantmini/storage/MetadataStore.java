package quantmini.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import quantmini.core.DataType.AssetClass;
import quantmini.core.DataType;
import quantmini.core.io.AtomicFiles;
import quantmini.core.io.ConcurrentIo;

/**
 * The metadata files of DESIGN.md §2 under {@code metadata/{stocks,options}/}:
 * <ul>
 *   <li>{@code daily_stats.parquet}: data_type, date, rows, tickers, quarantined_rows,
 *       min_window_start, max_window_start — one row per data type and date;</li>
 *   <li>{@code symbols.parquet}: ticker, data_type, first_date, last_date, rows;</li>
 *   <li>options only: {@code contracts.parquet} (ticker, data_type, underlying, expiration,
 *       option_type, strike, first_date, last_date) and {@code chains.parquet} (data_type,
 *       underlying, date, expirations, contracts).</li>
 * </ul>
 * {@link #recordDays} replaces each day's contribution: what the day held before (read from bronze
 * before it was replaced) is taken out and the new content put in, so a re-ingested day leaves
 * the same metadata as a first ingest. Calls are serialised: days ingested in parallel update
 * the same files.
 */
public final class MetadataStore {
    public static final String DAILY_STATS = "daily_stats.parquet";
    public static final String SYMBOLS = "symbols.parquet";
    public static final String CONTRACTS = "contracts.parquet";
    public static final String CHAINS = "chains.parquet";

    static final Schema DAILY_STATS_SCHEMA = new Schema(List.of(
            BronzeSchema.required("data_type", BronzeSchema.UTF8),
            BronzeSchema.required("date", BronzeSchema.DATE32),
            BronzeSchema.required("rows", BronzeSchema.INT64),
            BronzeSchema.required("tickers", BronzeSchema.INT64),
            BronzeSchema.required("quarantined_rows", BronzeSchema.INT64),
            Field.nullable("min_window_start", BronzeSchema.TIMESTAMP_US_UTC),
            Field.nullable("max_window_start", BronzeSchema.TIMESTAMP_US_UTC)));
    static final Schema SYMBOLS_SCHEMA = new Schema(List.of(
            BronzeSchema.required("ticker", BronzeSchema.UTF8),
            BronzeSchema.required("data_type", BronzeSchema.UTF8),
            BronzeSchema.required("first_date", BronzeSchema.DATE32),
            BronzeSchema.required("last_date", BronzeSchema.DATE32),
            BronzeSchema.required("rows", BronzeSchema.INT64)));
    static final Schema CONTRACTS_SCHEMA = new Schema(List.of(
            BronzeSchema.required("ticker", BronzeSchema.UTF8),
            BronzeSchema.required("data_type", BronzeSchema.UTF8),
            BronzeSchema.required("underlying", BronzeSchema.UTF8),
            BronzeSchema.required("expiration", BronzeSchema.DATE32),
            BronzeSchema.required("option_type", BronzeSchema.UTF8),
            BronzeSchema.required("strike", BronzeSchema.FLOAT64),
            BronzeSchema.required("first_date", BronzeSchema.DATE32),
            BronzeSchema.required("last_date", BronzeSchema.DATE32)));
    static final Schema CHAINS_SCHEMA = new Schema(List.of(
            BronzeSchema.required("data_type", BronzeSchema.UTF8),
            BronzeSchema.required("underlying", BronzeSchema.UTF8),
            BronzeSchema.required("date", BronzeSchema.DATE32),
            BronzeSchema.required("expirations", BronzeSchema.INT64),
            BronzeSchema.required("contracts", BronzeSchema.INT64)));

    private final LakeLayout layout;
    private final BufferAllocator allocator;

    public MetadataStore(LakeLayout layout, BufferAllocator allocator) {
        this.layout = requireNonNull(layout, "layout is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /**
     * A day just written to bronze, as {@link #recordDays} takes it.
     *
     * @param tickers the day's rows per ticker now in bronze
     * @param previousRows the day's rows per ticker in bronze before it was replaced
     */
    public record DayUpdate(DayStats stats, List<TickerDay> tickers, Map<String, Long> previousRows) {
        public DayUpdate {
            requireNonNull(stats, "stats is null");
            tickers = List.copyOf(requireNonNull(tickers, "tickers is null"));
            previousRows = Map.copyOf(requireNonNull(previousRows, "previousRows is null"));
        }
    }

    /**
     * Records days just written to bronze, in order: each replaces its day's contribution as if
     * recorded alone, but each metadata file is read and rewritten once for all of them.
     */
    public synchronized void recordDays(List<DayUpdate> days) throws IOException {
        requireNonNull(days, "days is null");
        Map<AssetClass, List<DayUpdate>> byFolder = new LinkedHashMap<>();
        for (DayUpdate day : days) {
            byFolder.computeIfAbsent(day.stats().type().assetClass(), a -> new ArrayList<>()).add(day);
        }
        for (Map.Entry<AssetClass, List<DayUpdate>> entry : byFolder.entrySet()) {
            recordDaysOf(layout.metadataRoot(entry.getKey()), entry.getValue());
        }
    }

    private void recordDaysOf(Path folder, List<DayUpdate> days) throws IOException {
        Files.createDirectories(folder);
        for (String name : List.of(DAILY_STATS, SYMBOLS, CONTRACTS, CHAINS)) {
            BronzeStore.removeLeftovers(folder, name);
        }
        boolean options = days.stream().anyMatch(day -> day.stats().type().isOptions());
        List<ConcurrentIo.Task<List<Object[]>>> reads = new ArrayList<>();
        reads.add(() -> ParquetTable.read(folder.resolve(DAILY_STATS), DAILY_STATS_SCHEMA));
        reads.add(() -> ParquetTable.read(folder.resolve(SYMBOLS), SYMBOLS_SCHEMA));
        if (options) {
            reads.add(() -> ParquetTable.read(folder.resolve(CONTRACTS), CONTRACTS_SCHEMA));
            reads.add(() -> ParquetTable.read(folder.resolve(CHAINS), CHAINS_SCHEMA));
        }
        List<List<Object[]>> tables = ConcurrentIo.run(reads);
        // each table keyed by what a day replaces, so that a day costs its own rows, not the table's
        Map<List<Object>, Object[]> dailyStats = keyed(tables.get(0), 0, 1);
        Map<String, Map<String, Object[]>> symbols = byType(tables.get(1));
        List<Object[]> contracts = options ? tables.get(2) : null;
        Map<List<Object>, List<Object[]>> chains = options ? chainsByDay(tables.get(3)) : null;
        Map<String, Map<String, ContractTerms>> terms = new HashMap<>();
        for (DayUpdate day : days) {
            DayStats stats = day.stats();
            dailyStats.put(List.of(stats.type().id(), stats.date()), dailyStatsRow(stats));
            updateSymbols(symbols.computeIfAbsent(stats.type().id(), type -> new HashMap<>()), stats, day.tickers(), day.previousRows());
            if (stats.type().isOptions()) {
                Map<String, ContractTerms> known = terms.computeIfAbsent(stats.type().id(), type -> knownTerms(contracts, type));
                for (TickerDay ticker : day.tickers()) {
                    ticker.contract().ifPresent(contract -> known.put(ticker.ticker(), contract));
                }
                chains.put(List.of(stats.type().id(), stats.date()), chainRows(stats, day.tickers()));
            }
        }
        List<Object[]> statsRows = new ArrayList<>(dailyStats.values());
        statsRows.sort(Comparator.comparing((Object[] row) -> (String) row[0]).thenComparing(row -> (LocalDate) row[1]));
        List<Object[]> symbolRows = new ArrayList<>();
        symbols.values().forEach(byTicker -> symbolRows.addAll(byTicker.values()));
        symbolRows.sort(Comparator.comparing((Object[] row) -> (String) row[1]).thenComparing(row -> (String) row[0]));
        List<ConcurrentIo.Task<Void>> writes = new ArrayList<>();
        writes.add(() -> write(folder.resolve(DAILY_STATS), DAILY_STATS_SCHEMA, statsRows));
        writes.add(() -> write(folder.resolve(SYMBOLS), SYMBOLS_SCHEMA, symbolRows));
        if (options) {
            List<Object[]> contractRows = contractRows(contracts, terms, symbols);
            contractRows.sort(Comparator.comparing((Object[] row) -> (String) row[1]).thenComparing(row -> (String) row[0]));
            List<Object[]> chainRows = new ArrayList<>();
            chains.values().forEach(chainRows::addAll);
            chainRows.sort(Comparator.comparing((Object[] row) -> (String) row[0])
                    .thenComparing(row -> (LocalDate) row[2])
                    .thenComparing(row -> (String) row[1]));
            writes.add(() -> write(folder.resolve(CONTRACTS), CONTRACTS_SCHEMA, contractRows));
            writes.add(() -> write(folder.resolve(CHAINS), CHAINS_SCHEMA, chainRows));
        }
        // each file is replaced atomically; the days stay pending until all are, so order does not matter
        ConcurrentIo.run(writes);
    }

    private Void write(Path file, Schema schema, List<Object[]> rows) throws IOException {
        ParquetTable.write(file, schema, rows, allocator);
        return null;
    }

    /** The rows of {@code daily_stats.parquet} of {@code type}, by date. */
    public synchronized List<DayStats> dailyStats(DataType type) throws IOException {
        requireNonNull(type, "type is null");
        List<DayStats> stats = new ArrayList<>();
        for (Object[] row : ParquetTable.read(layout.metadataRoot(type.assetClass()).resolve(DAILY_STATS), DAILY_STATS_SCHEMA)) {
            if (row[0].equals(type.id())) {
                stats.add(new DayStats(type, (LocalDate) row[1], (Long) row[2], (Long) row[3], (Long) row[4],
                        row[5] == null ? OptionalLong.empty() : OptionalLong.of((Long) row[5]),
                        row[6] == null ? OptionalLong.empty() : OptionalLong.of((Long) row[6])));
            }
        }
        stats.sort(Comparator.comparing(DayStats::date));
        return stats;
    }

    private static Map<List<Object>, Object[]> keyed(List<Object[]> rows, int first, int second) {
        Map<List<Object>, Object[]> keyed = new HashMap<>();
        for (Object[] row : rows) {
            keyed.put(List.of(row[first], row[second]), row);
        }
        return keyed;
    }

    /** Symbols rows by data type, then by ticker. */
    private static Map<String, Map<String, Object[]>> byType(List<Object[]> rows) {
        Map<String, Map<String, Object[]>> byType = new HashMap<>();
        for (Object[] row : rows) {
            byType.computeIfAbsent((String) row[1], type -> new HashMap<>()).put((String) row[0], row);
        }
        return byType;
    }

    private static Map<List<Object>, List<Object[]>> chainsByDay(List<Object[]> rows) {
        Map<List<Object>, List<Object[]>> byDay = new HashMap<>();
        for (Object[] row : rows) {
            byDay.computeIfAbsent(List.of(row[0], row[2]), day -> new ArrayList<>()).add(row);
        }
        return byDay;
    }

    private static Object[] dailyStatsRow(DayStats stats) {
        return new Object[] {stats.type().id(), stats.date(), stats.rows(), stats.tickers(), stats.quarantinedRows(),
            stats.minWindowStartMicros().isPresent() ? stats.minWindowStartMicros().getAsLong() : null,
            stats.maxWindowStartMicros().isPresent() ? stats.maxWindowStartMicros().getAsLong() : null};
    }

    /** Applies a day to this data type's symbols, by ticker: rows replaced, first and last dates moved. */
    private void updateSymbols(Map<String, Object[]> mine, DayStats stats, List<TickerDay> tickers, Map<String, Long> previousRows)
            throws IOException {
        String type = stats.type().id();
        LocalDate date = stats.date();
        Map<String, Long> now = new HashMap<>();
        for (TickerDay day : tickers) {
            now.put(day.ticker(), day.rows());
        }
        Set<String> touched = new HashSet<>(now.keySet());
        touched.addAll(previousRows.keySet());
        List<String> recompute = new ArrayList<>();
        for (String ticker : touched) {
            long added = now.getOrDefault(ticker, 0L);
            long removed = previousRows.getOrDefault(ticker, 0L);
            Object[] row = mine.get(ticker);
            if (row == null) {
                if (added > 0) {
                    mine.put(ticker, new Object[] {ticker, type, date, date, added});
                }
                continue;
            }
            long rows = (Long) row[4] + added - removed;
            LocalDate first = (LocalDate) row[2];
            LocalDate last = (LocalDate) row[3];
            if (added > 0) {
                first = date.isBefore(first) ? date : first;
                last = date.isAfter(last) ? date : last;
            } else if (first.equals(date) || last.equals(date)) {
                recompute.add(ticker); // it left its first or last day: only bronze knows the next one
            }
            if (rows <= 0) {
                mine.remove(ticker);
            } else {
                mine.put(ticker, new Object[] {ticker, type, first, last, rows});
            }
        }
        recompute.sort(Comparator.naturalOrder());
        for (String ticker : recompute) {
            Object[] row = mine.get(ticker);
            if (row != null) {
                LocalDate[] range = bronzeDateRange(stats.type(), ticker);
                if (range == null) {
                    mine.remove(ticker);
                } else {
                    mine.put(ticker, new Object[] {ticker, type, range[0], range[1], row[4]});
                }
            }
        }
    }

    /** The contract terms {@code contracts.parquet} holds for {@code type}, by ticker. */
    private static Map<String, ContractTerms> knownTerms(List<Object[]> contracts, String type) {
        Map<String, ContractTerms> known = new HashMap<>();
        for (Object[] row : contracts) {
            if (row[1].equals(type)) {
                known.put((String) row[0], new ContractTerms((String) row[2], (LocalDate) row[3], (String) row[4], (Double) row[5]));
            }
        }
        return known;
    }

    /**
     * One row per symbol with known terms of each type the days updated, its dates those of the
     * symbol; the rows of other types as they were.
     */
    private static List<Object[]> contractRows(List<Object[]> contracts, Map<String, Map<String, ContractTerms>> terms,
            Map<String, Map<String, Object[]>> symbols) {
        List<Object[]> rows = new ArrayList<>();
        for (Object[] row : contracts) {
            if (!terms.containsKey((String) row[1])) {
                rows.add(row);
            }
        }
        for (Map.Entry<String, Map<String, ContractTerms>> entry : terms.entrySet()) {
            String type = entry.getKey();
            for (Object[] symbol : symbols.getOrDefault(type, Map.of()).values()) {
                ContractTerms contract = entry.getValue().get((String) symbol[0]);
                if (contract != null) {
                    rows.add(new Object[] {symbol[0], type, contract.underlying(), contract.expiration(), contract.optionType(),
                        contract.strike(), symbol[2], symbol[3]});
                }
            }
        }
        return rows;
    }

    private static List<Object[]> chainRows(DayStats stats, List<TickerDay> tickers) {
        Map<String, Set<LocalDate>> expirations = new LinkedHashMap<>();
        Map<String, Long> contracts = new HashMap<>();
        for (TickerDay day : tickers) {
            if (day.contract().isPresent()) {
                ContractTerms contract = day.contract().get();
                expirations.computeIfAbsent(contract.underlying(), u -> new HashSet<>()).add(contract.expiration());
                contracts.merge(contract.underlying(), 1L, Long::sum);
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (Map.Entry<String, Set<LocalDate>> entry : expirations.entrySet()) {
            rows.add(new Object[] {stats.type().id(), entry.getKey(), stats.date(), (long) entry.getValue().size(),
                contracts.get(entry.getKey())});
        }
        return rows;
    }

    /**
     * Notes, durably, that a day of {@code type} is about to be replaced. The note is cleared once
     * the day's metadata is recorded; one left behind means a run died in between, and the
     * metadata may no longer agree with bronze (see {@link #rebuildFromBronze}).
     */
    public synchronized void markPending(DataType type, LocalDate date) throws IOException {
        Path note = layout.pendingIngestNote(type, date);
        // a run killed while writing this note left its temporary file; a clean run has none
        BronzeStore.removeLeftovers(note.getParent(), note.getFileName().toString());
        AtomicFiles.writeString(note, date.toString());
    }

    public synchronized void clearPending(DataType type, LocalDate date) throws IOException {
        Path folder = layout.pendingIngestNotes(type.assetClass());
        Path note = layout.pendingIngestNote(type, date);
        Files.deleteIfExists(note);
        BronzeStore.removeLeftovers(folder, note.getFileName().toString());
        try (Stream<Path> notes = Files.list(folder)) {
            if (notes.findAny().isEmpty()) {
                Files.deleteIfExists(folder); // an empty folder would be one more thing a clean run lacks
            }
        } catch (java.nio.file.NoSuchFileException | java.nio.file.DirectoryNotEmptyException e) {
            // gone already, or another day's note arrived meanwhile
        }
    }

    /** Whether a run died between replacing a day of {@code type} and recording it. */
    public boolean interrupted(DataType type) throws IOException {
        Path folder = layout.pendingIngestNotes(type.assetClass());
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> notes = Files.list(folder)) {
            return notes.anyMatch(note -> note.getFileName().toString().startsWith(type.id() + "_"));
        }
    }

    /**
     * Recomputes {@code type}'s symbols (and, for options, contracts and chains) from what bronze
     * holds: the repair after a run died mid-day, which gives the metadata of a clean run. The
     * pending notes stay: a noted day's daily stats and quarantine file cannot be recomputed from
     * bronze, so the day must be ingested again ({@link LandingInventory#withoutCurrentBronze}
     * says so), and its note goes once that ingest has recorded it.
     */
    public synchronized void rebuildFromBronze(DataType type) throws IOException {
        Path folder = layout.metadataRoot(type.assetClass());
        Files.createDirectories(folder);
        String id = type.id();
        List<Object[]> symbols = rowsOfOtherTypes(folder.resolve(SYMBOLS), SYMBOLS_SCHEMA, 1, id);
        symbols.addAll(queryBronze(type, "SELECT ticker, '" + id + "', min(date), max(date), count(*) FROM %s GROUP BY ticker"));
        symbols.sort(Comparator.comparing((Object[] row) -> (String) row[1]).thenComparing(row -> (String) row[0]));
        ParquetTable.write(folder.resolve(SYMBOLS), SYMBOLS_SCHEMA, symbols, allocator);
        if (type.isOptions()) {
            List<Object[]> contracts = rowsOfOtherTypes(folder.resolve(CONTRACTS), CONTRACTS_SCHEMA, 1, id);
            contracts.addAll(queryBronze(type, "SELECT ticker, '" + id + "', min(underlying), min(expiration), min(option_type), "
                    + "min(strike), min(date), max(date) FROM %s GROUP BY ticker"));
            contracts.sort(Comparator.comparing((Object[] row) -> (String) row[1]).thenComparing(row -> (String) row[0]));
            ParquetTable.write(folder.resolve(CONTRACTS), CONTRACTS_SCHEMA, contracts, allocator);
            List<Object[]> chains = rowsOfOtherTypes(folder.resolve(CHAINS), CHAINS_SCHEMA, 0, id);
            chains.addAll(queryBronze(type, "SELECT '" + id + "', underlying, date, count(DISTINCT expiration), "
                    + "count(DISTINCT ticker) FROM %s GROUP BY underlying, date"));
            chains.sort(Comparator.comparing((Object[] row) -> (String) row[0])
                    .thenComparing(row -> (LocalDate) row[2])
                    .thenComparing(row -> (String) row[1]));
            ParquetTable.write(folder.resolve(CHAINS), CHAINS_SCHEMA, chains, allocator);
        }
    }

    private static List<Object[]> rowsOfOtherTypes(Path file, Schema schema, int typeColumn, String type) throws IOException {
        List<Object[]> rows = ParquetTable.read(file, schema);
        rows.removeIf(row -> row[typeColumn].equals(type));
        return rows;
    }

    /** Rows of {@code sqlTemplate} (its %s is the type's bronze files), as Java values of the metadata schemas. */
    private List<Object[]> queryBronze(DataType type, String sqlTemplate) throws IOException {
        Path root = layout.bronzeRoot(type);
        List<Object[]> rows = new ArrayList<>();
        boolean anyFile;
        try (Stream<Path> files = Files.isDirectory(root) ? Files.walk(root) : Stream.empty()) {
            anyFile = files.anyMatch(file -> file.getFileName().toString().endsWith(".parquet")
                    && !file.getFileName().toString().startsWith("."));
        }
        if (!anyFile) {
            return rows;
        }
        String source = "read_parquet(" + DuckDb.literal(root.resolve("**").resolve("*.parquet")) + ", hive_partitioning = false)";
        try (Connection connection = DuckDb.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(String.format(sqlTemplate, source))) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                Object[] row = new Object[columns];
                for (int c = 0; c < columns; c++) {
                    Object value = result.getObject(c + 1);
                    if (value instanceof java.sql.Date || value instanceof LocalDate) {
                        value = result.getObject(c + 1, LocalDate.class);
                    } else if (value instanceof Number && !(value instanceof Double)) {
                        value = ((Number) value).longValue();
                    }
                    row[c] = value;
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IOException("cannot read " + root + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** First and last date on which bronze holds {@code ticker}, or null when it holds none. */
    private LocalDate[] bronzeDateRange(DataType type, String ticker) throws IOException {
        Path root = layout.bronzeRoot(type);
        if (!Files.isDirectory(root)) {
            return null;
        }
        String glob = DuckDb.literal(root.resolve("**").resolve("*.parquet"));
        String sql = "SELECT min(date), max(date) FROM read_parquet(" + glob + ") WHERE ticker = ?";
        try (Connection connection = DuckDb.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, ticker);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                Object first = result.getObject(1, LocalDate.class);
                Object last = result.getObject(2, LocalDate.class);
                return first == null ? null : new LocalDate[] {(LocalDate) first, (LocalDate) last};
            }
        } catch (SQLException e) {
            throw new IOException("cannot read " + root + ": " + e.getMessage(), e);
        }
    }
}
