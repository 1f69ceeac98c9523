/** Sources and sinks of the FunnelPulse job: event files in, Parquet tables and dead letters out. */
package io.funnelpulse.io;
