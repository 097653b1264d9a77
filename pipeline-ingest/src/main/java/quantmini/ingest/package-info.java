/** Landing CSV.gz to validated Arrow batches to bronze Parquet. */
package quantmini.ingest;
