package io.funnelpulse.io;

/**
 * Deterministic Parquet file names without ':' (which Hadoop readers reject), relative to the table
 * directory: {@code window_date=2019-10-01/funnel_hourly_brand-2019-10-01-00000-of-00001.parquet}, or
 * {@code dead_letter-00000-of-00001.parquet} for an unpartitioned table. A streaming write adds one
 * file per firing instead, numbered by the firing: {@code ...-2019-10-01-pane-00003.parquet}.
 */
final class PartitionFileNames {
  private static final String SINGLE_SHARD = "00000-of-00001";

  private PartitionFileNames() {}

  /** The file of {@code partitionDir} (e.g. {@code window_date=2019-10-01}, or empty) in {@code table}. */
  static String of(String table, String partitionDir) {
    return name(table, partitionDir, SINGLE_SHARD);
  }

  /** The file of the {@code firing}-th streaming write of {@code partitionDir}. */
  static String ofFiring(String table, String partitionDir, long firing) {
    return name(table, partitionDir, String.format("pane-%05d", firing));
  }

  private static String name(String table, String partitionDir, String suffix) {
    if (partitionDir.isEmpty()) {
      return table + "-" + suffix + ".parquet";
    }
    String value = partitionDir.substring(partitionDir.indexOf('=') + 1);
    return partitionDir + "/" + table + "-" + value + "-" + suffix + ".parquet";
  }
}
