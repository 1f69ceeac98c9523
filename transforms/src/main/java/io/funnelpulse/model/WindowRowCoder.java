package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Coder for {@link WindowRow}: window bounds, nullable key, value, pane facts. */
public final class WindowRowCoder<K, V> extends StructuredCoder<WindowRow<K, V>> {
  private final Coder<K> keyCoder;
  private final Coder<V> valueCoder;
  private final NullableCoder<K> nullableKey;

  private WindowRowCoder(Coder<K> keyCoder, Coder<V> valueCoder) {
    this.keyCoder = keyCoder;
    this.valueCoder = valueCoder;
    this.nullableKey = NullableCoder.of(keyCoder);
  }

  /** A coder for rows with keys and values of the given coders. */
  public static <K, V> WindowRowCoder<K, V> of(Coder<K> keyCoder, Coder<V> valueCoder) {
    return new WindowRowCoder<>(keyCoder, valueCoder);
  }

  @Override
  public void encode(WindowRow<K, V> row, OutputStream out) throws IOException {
    VarLongCoder.of().encode(row.windowStartMillis(), out);
    VarLongCoder.of().encode(row.windowEndMillis(), out);
    nullableKey.encode(row.key(), out);
    valueCoder.encode(row.value(), out);
    StringUtf8Coder.of().encode(row.pane().timing().name(), out);
    VarLongCoder.of().encode(row.pane().index(), out);
    BooleanCoder.of().encode(row.pane().isFinal(), out);
  }

  @Override
  public WindowRow<K, V> decode(InputStream in) throws IOException {
    long start = VarLongCoder.of().decode(in);
    long end = VarLongCoder.of().decode(in);
    K key = nullableKey.decode(in);
    V value = valueCoder.decode(in);
    PaneFacts pane =
        PaneFacts.of(
            StringUtf8Coder.of().decode(in), VarLongCoder.of().decode(in), BooleanCoder.of().decode(in));
    return WindowRow.of(start, end, key, value, pane);
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(keyCoder, valueCoder);
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    verifyDeterministic(this, "Keys must be deterministic", keyCoder);
    verifyDeterministic(this, "Values must be deterministic", valueCoder);
  }
}
