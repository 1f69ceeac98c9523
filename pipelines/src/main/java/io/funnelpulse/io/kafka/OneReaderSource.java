package io.funnelpulse.io.kafka;

import io.funnelpulse.io.ForwardingUnboundedSource;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * An unbounded source read by a single reader, whatever number of splits the runner asks for: it asks
 * the source it wraps for one split.
 *
 * <p>The Spark runner's streaming mode takes the <em>latest</em> of a source's split watermarks as the
 * source's watermark. With a reader per group of Kafka partitions, a reader that lags behind the others
 * has its events counted as late, or dropped past the allowed lateness, although no reader saw them as
 * late. One reader over all partitions reports the lowest of its partitions' watermarks, so the
 * windowing never drops what {@link EventTimePolicy} did not mark too late.
 */
final class OneReaderSource<T, C extends UnboundedSource.CheckpointMark> extends ForwardingUnboundedSource<T, C> {
  OneReaderSource(UnboundedSource<T, C> source) {
    super(source);
  }

  @Override
  public List<? extends UnboundedSource<T, C>> split(int desiredNumSplits, PipelineOptions options)
      throws Exception {
    return source.split(1, options);
  }

  @Override
  public UnboundedReader<T> createReader(PipelineOptions options, C checkpointMark) throws IOException {
    return source.createReader(options, checkpointMark);
  }
}
