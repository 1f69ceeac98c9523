package io.funnelpulse.io;

import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/**
 * Deterministic Parquet file names without ':' (which Hadoop readers reject):
 * {@code window_date=2019-10-01/funnel_hourly_brand-2019-10-01-00000-of-00001.parquet}, or
 * {@code dead_letter-00000-of-00001.parquet} for an unpartitioned table.
 */
final class PartitionFileNaming implements FileIO.Write.FileNaming {
  private final String table;
  private final String partitionDir;

  PartitionFileNaming(String table, String partitionDir) {
    this.table = table;
    this.partitionDir = partitionDir;
  }

  @Override
  public String getFilename(
      BoundedWindow window, PaneInfo pane, int numShards, int shardIndex, Compression compression) {
    String shard = String.format("%05d-of-%05d", shardIndex, numShards);
    if (partitionDir.isEmpty()) {
      return table + "-" + shard + ".parquet";
    }
    String value = partitionDir.substring(partitionDir.indexOf('=') + 1);
    return partitionDir + "/" + table + "-" + value + "-" + shard + ".parquet";
  }
}
