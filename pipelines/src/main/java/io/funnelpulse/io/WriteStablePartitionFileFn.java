package io.funnelpulse.io;

import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;

/**
 * Writes each partition's rows to its Parquet file ({@link PartitionFileWriter}) only once its input
 * is stable: on the Flink runner, once the checkpoint that covers it has completed, so a job restarted
 * from that checkpoint writes the same files with the same rows and never a file the checkpoint does
 * not know of.
 */
final class WriteStablePartitionFileFn<T> extends DoFn<KV<String, Iterable<List<T>>>, String> {
  private final PartitionFileWriter<T> writer;

  WriteStablePartitionFileFn(PartitionFileWriter<T> writer) {
    this.writer = writer;
  }

  @Setup
  public void setup() {
    writer.setup();
  }

  @ProcessElement
  @RequiresStableInput
  public void processElement(
      @Element KV<String, Iterable<List<T>>> partition, PaneInfo pane, OutputReceiver<String> out)
      throws IOException {
    out.output(writer.write(partition, pane));
  }
}
