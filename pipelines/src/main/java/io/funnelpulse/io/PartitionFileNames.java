package io.funnelpulse.io;

/**
 * Deterministic Parquet file names without ':' (which Hadoop readers reject), relative to the table
 * directory: {@code window_date=2019-10-01/funnel_hourly_brand-2019-10-01-00000-of-00001.parquet}, or
 * {@code dead_letter-00000-of-00001.parquet} for an unpartitioned table.
 */
final class PartitionFileNames {
  private static final String SINGLE_SHARD = "00000-of-00001";

  private PartitionFileNames() {}

  /** The file of {@code partitionDir} (e.g. {@code window_date=2019-10-01}, or empty) in {@code table}. */
  static String of(String table, String partitionDir) {
    if (partitionDir.isEmpty()) {
      return table + "-" + SINGLE_SHARD + ".parquet";
    }
    String value = partitionDir.substring(partitionDir.indexOf('=') + 1);
    return partitionDir + "/" + table + "-" + value + "-" + SINGLE_SHARD + ".parquet";
  }
}
