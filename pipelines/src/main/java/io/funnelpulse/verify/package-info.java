/**
 * {@code verify}: an independent recomputation of the funnel output with DuckDB over the raw input, and
 * data-quality checks on what a run wrote, reported on the terminal and as JSON.
 */
package io.funnelpulse.verify;
