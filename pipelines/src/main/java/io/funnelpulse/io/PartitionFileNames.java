package io.funnelpulse.io;

/**
 * Deterministic Parquet file names without ':' (which Hadoop readers reject), relative to the table
 * directory: {@code window_date=2019-10-01/funnel_hourly_brand-2019-10-01-00000-of-00001.parquet}, or
 * {@code dead_letter-00000-of-00001.parquet} for an unpartitioned table. A streaming write adds one
 * file per firing instead, numbered by the firing: {@code ...-2019-10-01-pane-00003.parquet}.
 */
final class PartitionFileNames {
  private static final String SINGLE_SHARD = "00000-of-00001";
  private static final char SHARD_MARK = '|';

  private PartitionFileNames() {}

  /**
   * The partition key of shard {@code shard} of {@code shards} of {@code partitionDir}: its rows go to a
   * file of their own, {@code ...-00003-of-00008.parquet} (or {@code ...-00003-pane-00001.parquet}).
   */
  static String sharded(String partitionDir, int shard, int shards) {
    return partitionDir + SHARD_MARK + shard + "/" + shards;
  }

  /** The file of {@code partitionDir} (e.g. {@code window_date=2019-10-01}, or empty, or {@link #sharded}) in {@code table}. */
  static String of(String table, String partitionDir) {
    int mark = partitionDir.indexOf(SHARD_MARK);
    if (mark < 0) {
      return name(table, partitionDir, SINGLE_SHARD);
    }
    String[] shard = partitionDir.substring(mark + 1).split("/");
    return name(table, partitionDir.substring(0, mark),
        String.format("%05d-of-%05d", Integer.parseInt(shard[0]), Integer.parseInt(shard[1])));
  }

  /** The file of the {@code firing}-th streaming write of {@code partitionDir} (maybe {@link #sharded}). */
  static String ofFiring(String table, String partitionDir, long firing) {
    int mark = partitionDir.indexOf(SHARD_MARK);
    if (mark < 0) {
      return name(table, partitionDir, String.format("pane-%05d", firing));
    }
    int shard = Integer.parseInt(partitionDir.substring(mark + 1).split("/")[0]);
    return name(table, partitionDir.substring(0, mark), String.format("%05d-pane-%05d", shard, firing));
  }

  private static String name(String table, String partitionDir, String suffix) {
    if (partitionDir.isEmpty()) {
      return table + "-" + suffix + ".parquet";
    }
    String value = partitionDir.substring(partitionDir.indexOf('=') + 1);
    return partitionDir + "/" + table + "-" + value + "-" + suffix + ".parquet";
  }
}
