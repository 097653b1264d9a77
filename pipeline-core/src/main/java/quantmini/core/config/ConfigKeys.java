package quantmini.core.config;

import static quantmini.core.config.ValueParsers.date;
import static quantmini.core.config.ValueParsers.decimal;
import static quantmini.core.config.ValueParsers.httpUrl;
import static quantmini.core.config.ValueParsers.integer;
import static quantmini.core.config.ValueParsers.listOf;
import static quantmini.core.config.ValueParsers.oneOf;
import static quantmini.core.config.ValueParsers.path;
import static quantmini.core.config.ValueParsers.text;
import static quantmini.core.config.ValueParsers.word;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import quantmini.core.DataType;

/**
 * Every configuration key quantmini knows. {@code config/pipeline_config.yaml} and
 * {@code docs/CONFIGURATION.md} document the same list; a key not listed here is an error.
 */
public final class ConfigKeys {
    public static final ConfigKey<Path> DATA_ROOT = ConfigKey.of("data_root", path(), Path.of("data"),
            "Folder of the lake: landing, bronze, silver, gold, metadata, quarantine, logs. Relative to the working directory.")
            .withEnvironmentVariable("DATA_ROOT");

    public static final ConfigKey<SourceKind> SOURCE_KIND = ConfigKey.of("source.kind", oneOf(SourceKind.class), SourceKind.S3,
            "Where flat files come from: s3 (the vendor's bucket) or local (a folder in the bucket's key layout). "
                    + "QUANTMINI_SOURCE=local:/path sets both this and source.local_path.");
    public static final ConfigKey<Path> SOURCE_LOCAL_PATH = ConfigKey.auto("source.local_path", path(),
            "The folder read when source.kind is local; it holds e.g. us_stocks_sip/day_aggs_v1/2024/03/2024-03-28.csv.gz.");
    public static final ConfigKey<URI> SOURCE_ENDPOINT = ConfigKey.of("source.endpoint", httpUrl(), URI.create("https://files.massive.com"),
            "S3-compatible endpoint of the flat files (https://files.polygon.io is the older name of the same service).")
            .withEnvironmentVariable("POLYGON_S3_ENDPOINT");
    public static final ConfigKey<String> SOURCE_BUCKET = ConfigKey.of("source.bucket", text(), "flatfiles",
            "Bucket that holds the flat files.").withEnvironmentVariable("POLYGON_S3_BUCKET");
    public static final ConfigKey<String> SOURCE_REGION = ConfigKey.of("source.region", text(), "us-east-1",
            "Region used to sign requests (SigV4); the vendor accepts us-east-1.");

    public static final ConfigKey<List<DataType>> DATA_TYPES = ConfigKey.of("data_types", listOf(ValueParsers.from(DataType::fromId)),
            List.of(DataType.values()), "Data types that daily and backfill process when --data-types is not given.");

    public static final Map<DataType, ConfigKey<LocalDate>> EARLIEST_DATES = earliestDates();

    public static final ConfigKey<IngestMode> INGEST_MODE = ConfigKey.auto("ingest.mode", oneOf(IngestMode.class),
            "Ingest mode: auto (the system profile decides by memory), streaming, batch or parallel.")
            .withEnvironmentVariable("PIPELINE_MODE");
    public static final ConfigKey<Integer> INGEST_CHUNK_ROWS = ConfigKey.auto("ingest.chunk_rows", integer(1_000, 10_000_000),
            "Rows per Arrow batch; the memory monitor shrinks it under pressure.");

    public static final ConfigKey<Double> LIMITS_MAX_MEMORY_GB = ConfigKey.auto("limits.max_memory_gb", decimal(0, 1 << 20),
            "Memory budget in GB for the whole process (heap and native); warnings at 75%, smaller batches at 85%.")
            .withEnvironmentVariable("MAX_MEMORY_GB");
    public static final ConfigKey<Integer> LIMITS_WORKER_THREADS = ConfigKey.auto("limits.worker_threads", integer(1, 1024),
            "Threads for parsing, encoding and feature computation.");
    public static final ConfigKey<Integer> LIMITS_CONCURRENT_DOWNLOADS = ConfigKey.auto("limits.concurrent_downloads", integer(1, 256),
            "Objects downloaded at the same time.");

    public static final ConfigKey<Integer> DOWNLOAD_MAX_ATTEMPTS = ConfigKey.of("download.max_attempts", integer(1, 100), 6,
            "Tries per object before its date fails (throttling, 5xx, resets, cut-short bodies are retried with jittered backoff).");
    public static final ConfigKey<Integer> DOWNLOAD_OBJECT_TIMEOUT_SECONDS = ConfigKey.of("download.object_timeout_seconds",
            integer(1, 86_400), 900, "Hard limit for one object's download, per attempt.");

    public static final ConfigKey<ParquetCompression> PARQUET_COMPRESSION = ConfigKey.of("parquet.compression",
            oneOf(ParquetCompression.class), ParquetCompression.ZSTD, "Parquet compression: zstd, snappy, gzip or uncompressed.");
    public static final ConfigKey<Integer> PARQUET_COMPRESSION_LEVEL = ConfigKey.of("parquet.compression_level", integer(1, 22), 3,
            "ZSTD level (1-22); 1-3 write fastest for nearly the same size.");
    public static final ConfigKey<Integer> PARQUET_ROW_GROUP_ROWS = ConfigKey.of("parquet.row_group_rows", integer(1_024, 100_000_000),
            131_072, "Rows per Parquet row group: smaller lets a per-symbol reader skip more, larger compresses better.");

    public static final ConfigKey<MinuteSession> QLIB_MINUTE_SESSION = ConfigKey.of("qlib.minute_session", oneOf(MinuteSession.class),
            MinuteSession.REGULAR, "Minutes in the Qlib 1min calendar: regular (09:30-15:59 New York) or extended (04:00-19:59).");
    public static final ConfigKey<List<String>> QLIB_FIELDS_INCLUDE = ConfigKey.of("qlib.fields_include", listOf(text()), List.of(),
            "Fields written to gold; empty means every price field and every silver feature.");
    public static final ConfigKey<List<String>> QLIB_FIELDS_EXCLUDE = ConfigKey.of("qlib.fields_exclude", listOf(text()), List.of(),
            "Fields left out of gold, applied after fields_include.");

    public static final ConfigKey<List<String>> FEATURES_ENABLED = ConfigKey.of("features.enabled", listOf(text()), List.of(),
            "Silver features to compute; empty means all of docs/FEATURES.md.");

    public static final ConfigKey<Integer> DAILY_RECHECK_TRADING_DAYS = ConfigKey.of("daily.recheck_trading_days", integer(0, 250), 5,
            "Trading days that daily re-lists to catch files the vendor republished (changed ETag or size).");

    public static final ConfigKey<String> ALERTS_COMMAND = ConfigKey.auto("alerts.command", text(),
            "Shell command run after a daily or backfill run that failed or quarantined rows; the run report's path is its last argument.");
    public static final ConfigKey<URI> ALERTS_WEBHOOK_URL = ConfigKey.auto("alerts.webhook_url", httpUrl(),
            "URL that receives the run report as a JSON POST after a daily or backfill run that failed or quarantined rows.");

    public static final ConfigKey<String> LOGGING_LEVEL = ConfigKey.of("logging.level",
            word(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR")), "INFO",
            "Console and file log level; --verbose and --quiet override it.").withEnvironmentVariable("LOG_LEVEL");
    public static final ConfigKey<Path> LOGGING_LOG_ROOT = ConfigKey.auto("logging.log_root", path(),
            "Folder for logs/pipeline, logs/errors and logs/runs; auto means <data_root>/logs.")
            .withEnvironmentVariable("LOG_ROOT");

    private static final List<ConfigKey<?>> ALL = allKeys();

    private ConfigKeys() {}

    public static List<ConfigKey<?>> all() {
        return ALL;
    }

    public static Optional<ConfigKey<?>> byName(String name) {
        return ALL.stream().filter(key -> key.name().equals(name)).findFirst();
    }

    private static Map<DataType, ConfigKey<LocalDate>> earliestDates() {
        Map<DataType, ConfigKey<LocalDate>> keys = new EnumMap<>(DataType.class);
        for (DataType type : DataType.values()) {
            // the vendor's flat files start in 2003 for stocks and 2014 for options
            LocalDate first = type.isOptions() ? LocalDate.of(2014, 6, 2) : LocalDate.of(2003, 9, 10);
            keys.put(type, ConfigKey.of("earliest_dates." + type.id(), date(), first,
                    "First date backfill asks the bucket for when --from is not given (" + type.id() + ")."));
        }
        return Map.copyOf(keys);
    }

    private static List<ConfigKey<?>> allKeys() {
        List<ConfigKey<?>> keys = new java.util.ArrayList<>(List.of(DATA_ROOT, SOURCE_KIND, SOURCE_LOCAL_PATH, SOURCE_ENDPOINT,
                SOURCE_BUCKET, SOURCE_REGION, DATA_TYPES));
        for (DataType type : DataType.values()) {
            keys.add(EARLIEST_DATES.get(type));
        }
        keys.addAll(List.of(INGEST_MODE, INGEST_CHUNK_ROWS, LIMITS_MAX_MEMORY_GB, LIMITS_WORKER_THREADS,
                LIMITS_CONCURRENT_DOWNLOADS, DOWNLOAD_MAX_ATTEMPTS, DOWNLOAD_OBJECT_TIMEOUT_SECONDS, PARQUET_COMPRESSION,
                PARQUET_COMPRESSION_LEVEL, PARQUET_ROW_GROUP_ROWS, QLIB_MINUTE_SESSION, QLIB_FIELDS_INCLUDE,
                QLIB_FIELDS_EXCLUDE, FEATURES_ENABLED, DAILY_RECHECK_TRADING_DAYS, ALERTS_COMMAND, ALERTS_WEBHOOK_URL, LOGGING_LEVEL,
                LOGGING_LOG_ROOT));
        return List.copyOf(keys);
    }
}
