/**
 * The lake: paths ({@link quantmini.storage.LakeLayout}), bronze schemas, the one Parquet writer,
 * the bronze day files and their idempotent replacement, metadata tables and watermarks.
 */
package quantmini.storage;
