package quantmini.features;

import static java.util.Objects.requireNonNull;

import java.util.List;
import quantmini.core.Preconditions;
import quantmini.core.config.ConfigKeys;
import quantmini.core.config.ParquetCompression;
import quantmini.core.config.PipelineConfig;

/**
 * How silver is written.
 *
 * @param enabledFeatures feature names to compute (with what they read); empty means all
 * @param datesPerBatch output dates computed in one DuckDB pass by an incremental run of a type
 *     with a lookback; each pass reads its own lookback, so a failing date costs at most a batch
 */
public record SilverOptions(
        List<String> enabledFeatures,
        ParquetCompression compression,
        int compressionLevel,
        int rowGroupRows,
        int datesPerBatch) {

    public static final int DEFAULT_DATES_PER_BATCH = 64;

    public SilverOptions {
        enabledFeatures = List.copyOf(requireNonNull(enabledFeatures, "enabledFeatures is null"));
        requireNonNull(compression, "compression is null");
        Preconditions.checkArgument(compressionLevel >= 1 && compressionLevel <= 22, "compressionLevel must be in 1-22: %s",
                compressionLevel);
        Preconditions.checkArgument(rowGroupRows >= 1_024, "rowGroupRows must be at least 1024: %s", rowGroupRows);
        Preconditions.checkArgument(datesPerBatch >= 1, "datesPerBatch must be positive: %s", datesPerBatch);
    }

    /** What the configuration says (features.enabled, parquet.*). */
    public static SilverOptions from(PipelineConfig config) {
        return new SilverOptions(
                config.require(ConfigKeys.FEATURES_ENABLED),
                config.require(ConfigKeys.PARQUET_COMPRESSION),
                config.require(ConfigKeys.PARQUET_COMPRESSION_LEVEL),
                config.require(ConfigKeys.PARQUET_ROW_GROUP_ROWS),
                DEFAULT_DATES_PER_BATCH);
    }

    public static SilverOptions defaults() {
        return from(PipelineConfig.defaults());
    }

    public SilverOptions withDatesPerBatch(int dates) {
        return new SilverOptions(enabledFeatures, compression, compressionLevel, rowGroupRows, dates);
    }

    public SilverOptions withEnabledFeatures(List<String> names) {
        return new SilverOptions(names, compression, compressionLevel, rowGroupRows, datesPerBatch);
    }
}
