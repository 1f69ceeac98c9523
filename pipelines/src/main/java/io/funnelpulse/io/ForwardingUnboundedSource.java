package io.funnelpulse.io;

import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.UnboundedSource;

/**
 * An unbounded source that wraps another and forwards to it what it does not change: its coders,
 * deduping and validation. The wrappers ({@code OneReaderSource}, {@link SplitOnceSource}) change how
 * the wrapped source is split and read.
 *
 * @param <T> the records read
 * @param <C> the wrapped source's checkpoint mark
 */
public abstract class ForwardingUnboundedSource<T, C extends UnboundedSource.CheckpointMark>
    extends UnboundedSource<T, C> {
  /** The wrapped source. */
  protected final UnboundedSource<T, C> source;

  protected ForwardingUnboundedSource(UnboundedSource<T, C> source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public Coder<C> getCheckpointMarkCoder() {
    return source.getCheckpointMarkCoder();
  }

  @Override
  public Coder<T> getOutputCoder() {
    return source.getOutputCoder();
  }

  @Override
  public boolean requiresDeduping() {
    return source.requiresDeduping();
  }

  @Override
  public void validate() {
    source.validate();
  }
}
