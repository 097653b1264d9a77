package quantmini.core.config;

/** Parquet page compression for bronze and silver. */
public enum ParquetCompression { ZSTD, SNAPPY, GZIP, UNCOMPRESSED }
