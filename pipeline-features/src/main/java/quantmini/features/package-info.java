/** Bronze to silver: engineered features computed with DuckDB (issue: silver layer). */
package quantmini.features;
