package io.funnelpulse.io.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.CountingSource;
import org.apache.beam.sdk.io.UnboundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** {@link OneReaderSource}: however many splits a runner asks for, one reader reads everything. */
class OneReaderSourceTest {
  private final PipelineOptions options = PipelineOptionsFactory.create();

  @Test
  void asksTheWrappedSourceForOneSplitWhateverTheRunnerDesires() throws Exception {
    UnboundedSource<Long, ?> counting = CountingSource.unbounded();
    assertThat(counting.split(4, options), hasSize(4));

    List<? extends UnboundedSource<Long, ?>> splits = new OneReaderSource<>(counting).split(4, options);

    assertThat(splits, hasSize(1));
    assertThat(firstValues(splits.get(0), 5), contains(0L, 1L, 2L, 3L, 4L));
  }

  @Test
  void readsAndEncodesAsTheWrappedSource() throws Exception {
    UnboundedSource<Long, ?> counting = CountingSource.unbounded();
    OneReaderSource<Long, ?> oneReader = new OneReaderSource<>(counting);

    assertThat(oneReader.getOutputCoder(), is(counting.getOutputCoder()));
    assertThat(oneReader.getCheckpointMarkCoder(), is(instanceOf(counting.getCheckpointMarkCoder().getClass())));
    assertThat(firstValues(oneReader, 3), contains(0L, 1L, 2L));
  }

  private List<Long> firstValues(UnboundedSource<Long, ?> source, int n) throws Exception {
    List<Long> values = new ArrayList<>();
    try (UnboundedSource.UnboundedReader<Long> reader = source.createReader(options, null)) {
      for (boolean more = reader.start(); values.size() < n; more = reader.advance()) {
        if (more) {
          values.add(reader.getCurrent());
        }
      }
    }
    return values;
  }
}
