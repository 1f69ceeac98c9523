package io.funnelpulse.io;

import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;

/**
 * Writes each partition's rows to its Parquet file ({@link PartitionFileWriter}) as they come, on a
 * runner that refuses {@code @RequiresStableInput} (see {@code RunnerWorkarounds#honoursStableInput}).
 */
final class WritePartitionFileFn<T> extends DoFn<KV<String, Iterable<List<T>>>, String> {
  private final PartitionFileWriter<T> writer;

  WritePartitionFileFn(PartitionFileWriter<T> writer) {
    this.writer = writer;
  }

  @Setup
  public void setup() {
    writer.setup();
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, Iterable<List<T>>> partition, PaneInfo pane, OutputReceiver<String> out)
      throws IOException {
    out.output(writer.write(partition, pane));
  }
}
