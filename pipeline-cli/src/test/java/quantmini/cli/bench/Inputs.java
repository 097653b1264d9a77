package quantmini.cli.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import quantmini.core.DataType;
import quantmini.core.FlatFileKey;
import quantmini.core.calendar.UsEquityCalendar;
import quantmini.core.io.FileTrees;
import quantmini.fixtures.BronzeParquetFixture;
import quantmini.fixtures.FixtureSpec;
import quantmini.fixtures.FlatFileGenerator;
import quantmini.fixtures.GeneratedFile;
import quantmini.storage.DuckDb;
import quantmini.storage.LakeLayout;

/**
 * The suite's inputs, generated deterministically (fixed seeds) on first use and kept under
 * {@code root}: each set in a folder named after its size, complete once its marker
 * {@code markers/NAME.done} exists, so later runs reuse it.
 */
final class Inputs {
    /** Generates one input set into an empty folder. */
    @FunctionalInterface
    interface Generator {
        InputSet generate(Path folder) throws Exception;
    }

    private final Path root;

    Inputs(Path root) {
        this.root = requireNonNull(root, "root is null");
    }

    /** The set in {@code root/name}, generated unless a previous run completed it. */
    InputSet cached(String name, Generator generator) throws Exception {
        Path folder = root.resolve(name);
        Path marker = root.resolve("markers").resolve(name.replace('/', '_') + ".done");
        if (Files.exists(marker)) {
            return InputSet.readMarker(folder, marker);
        }
        System.err.println("generating input " + name + " (once; kept under " + root + ")");
        FileTrees.deleteRecursively(folder);
        Files.createDirectories(folder);
        InputSet set = generator.generate(folder);
        Files.createDirectories(marker.getParent());
        set.writeMarker(marker);
        return set;
    }

    /** A lake (data root) whose landing holds TYPE's generated files for each trading day FROM..TO. */
    InputSet landing(String name, FixtureSpec spec, DataType type, LocalDate from, LocalDate to) throws Exception {
        return cached(name, dataRoot -> {
            LakeLayout layout = new LakeLayout(dataRoot);
            Path flat = dataRoot.resolve("generated");
            long rows = 0;
            for (GeneratedFile file : new FlatFileGenerator(spec).writeRange(flat, Set.of(type), from, to)) {
                Path landing = layout.landingFile(file.key());
                Files.createDirectories(landing.getParent());
                Files.move(file.path(), landing, StandardCopyOption.ATOMIC_MOVE);
                rows += file.rows();
            }
            FileTrees.deleteRecursively(flat);
            return summarize(dataRoot, rows);
        });
    }

    /**
     * A lake whose bronze holds what the ingest would make of the landing files of {@code sources}
     * (written by the fixtures' independent Parquet writer, so the silver case does not depend on
     * the ingest).
     */
    InputSet bronze(String name, Map<DataType, InputSet> sources) throws Exception {
        return cached(name, dataRoot -> {
            LakeLayout layout = new LakeLayout(dataRoot);
            long rows = 0;
            int files = 0;
            for (Map.Entry<DataType, InputSet> entry : sources.entrySet()) {
                DataType type = entry.getKey();
                InputSet source = entry.getValue();
                for (Path file : csvFiles(new LakeLayout(source.folder()).landingRoot(type))) {
                    BronzeParquetFixture.write(file, type, dateOf(file), layout.bronzeFile(type, dateOf(file)));
                    files++;
                }
                rows += source.rows();
            }
            return new InputSet(dataRoot, files, sizeOf(files(dataRoot, ".parquet")), rows);
        });
    }

    /**
     * FILES stocks_minute day files (TICKERS tickers, every minute traded) under a bucket folder,
     * at their object keys. Five distinct days are generated and linked under the other dates, so
     * that a gigabyte of objects takes seconds to prepare instead of minutes.
     */
    InputSet bucketOfMinuteFiles(String name, int count, int tickers) throws Exception {
        return cached(name, bucket -> {
            List<LocalDate> dates = UsEquityCalendar.tradingDays(LocalDate.of(2023, 1, 3), LocalDate.of(2025, 12, 31)).subList(0, count);
            FlatFileGenerator generator = new FlatFileGenerator(FixtureSpec.small().withStockTickers(tickers).withMinuteActivity(1.0));
            List<Path> distinct = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path target = bucket.resolve(new FlatFileKey(DataType.STOCKS_MINUTE, dates.get(i)).objectKey());
                Files.createDirectories(target.getParent());
                if (i < 5) {
                    Files.write(target, generator.dayFile(DataType.STOCKS_MINUTE, dates.get(i)));
                    distinct.add(target);
                } else {
                    Files.createLink(target, distinct.get(i % distinct.size()));
                }
            }
            return summarize(bucket, -1);
        });
    }

    /**
     * A lake whose silver holds SYMBOLS x DAYS of stocks_daily rows shaped like the silver layer
     * (bronze columns, vwap and 12 double features, random walks), written by DuckDB with a fixed
     * seed: the input of the Qlib build, at a size the generator would take long to reach.
     */
    InputSet silverDaily(String name, int symbols, int days) throws Exception {
        return cached(name, dataRoot -> {
            LakeLayout layout = new LakeLayout(dataRoot);
            List<LocalDate> dates = UsEquityCalendar.tradingDays(LocalDate.of(2020, 1, 2), LocalDate.of(2030, 12, 31)).subList(0, days);
            StringBuilder features = new StringBuilder();
            StringBuilder columns = new StringBuilder();
            for (int f = 0; f < 12; f++) {
                features.append(String.format(", random() - 0.5 AS feature_%02d", f));
                columns.append(String.format(", feature_%02d", f));
            }
            try (Connection duckdb = DuckDb.connect(); Statement sql = duckdb.createStatement()) {
                sql.execute("SET TimeZone = 'UTC'");
                sql.execute("SELECT setseed(0.42)");
                sql.execute("CREATE TABLE d AS SELECT row_number() OVER () - 1 AS i, CAST(x AS DATE) AS date FROM (SELECT unnest(["
                        + dates.stream().map(x -> "DATE '" + x + "'").collect(Collectors.joining(", ")) + "]) AS x)");
                sql.execute("CREATE TABLE s AS SELECT range AS k, 'S' || lpad(CAST(range AS VARCHAR), 5, '0') AS ticker,"
                        + " 10 + random() * 200 AS base FROM range(" + symbols + ")");
                sql.execute("CREATE TABLE bars AS SELECT s.ticker, d.date, s.base * (1 + 0.1 * sin(d.i / 50.0 + s.k)) AS close,"
                        + " CAST(1000 + random() * 30000000 AS BIGINT) AS volume, CAST(random() * 5000 AS BIGINT) AS transactions"
                        + features + " FROM s, d WHERE (s.k + d.i) % 97 <> 0");
                for (LocalDate date : dates) {
                    Path file = layout.silverFile(DataType.STOCKS_DAILY, date);
                    Files.createDirectories(file.getParent());
                    sql.execute("COPY (SELECT ticker, volume, close * 0.995 AS open, close * 1.01 AS high, close * 0.99 AS low, close,"
                            + " CAST(date AS TIMESTAMPTZ) + INTERVAL 21 HOUR AS window_start, transactions, date, close * 1.001 AS vwap"
                            + columns + " FROM bars WHERE date = DATE '" + date + "' ORDER BY ticker) TO " + DuckDb.literal(file)
                            + " (FORMAT parquet, COMPRESSION zstd)");
                }
                long rows;
                try (var result = sql.executeQuery("SELECT count(*) FROM bars")) {
                    result.next();
                    rows = result.getLong(1);
                }
                return new InputSet(dataRoot, days, sizeOf(files(dataRoot, ".parquet")), rows);
            }
        });
    }

    /** Files, bytes and the given rows of every .csv.gz under a folder. */
    static InputSet summarize(Path folder, long rows) throws IOException {
        List<Path> files = csvFiles(folder);
        return new InputSet(folder, files.size(), sizeOf(files), rows);
    }

    static List<Path> csvFiles(Path folder) {
        return files(folder, FlatFileKey.EXTENSION);
    }

    static List<Path> files(Path folder, String suffix) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trading date of a flat file or day file, from its name {@code YYYY-MM-DD.csv.gz}. */
    static LocalDate dateOf(Path file) {
        return LocalDate.parse(file.getFileName().toString().substring(0, 10));
    }

    static long sizeOf(List<Path> files) throws IOException {
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        return bytes;
    }
}
