package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link ClickEvent}. */
public final class ClickEventCoder extends AtomicCoder<ClickEvent> {
  private static final ClickEventCoder INSTANCE = new ClickEventCoder();
  private static final Coder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());
  private static final VarLongCoder LONG = VarLongCoder.of();
  private static final VarIntCoder INT = VarIntCoder.of();

  private ClickEventCoder() {}

  public static ClickEventCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ClickEvent value, OutputStream out) throws IOException {
    LONG.encode(value.eventTimeMillis(), out);
    INT.encode(value.eventType().ordinal(), out);
    TEXT.encode(value.productId(), out);
    TEXT.encode(value.categoryId(), out);
    TEXT.encode(value.categoryCode(), out);
    TEXT.encode(value.brand(), out);
    LONG.encode(value.priceCents(), out);
    TEXT.encode(value.userId(), out);
    TEXT.encode(value.userSession(), out);
  }

  @Override
  public ClickEvent decode(InputStream in) throws IOException {
    long time = LONG.decode(in);
    EventType type = EventType.fromOrdinal(INT.decode(in));
    return ClickEvent.builder(type, time)
        .productId(TEXT.decode(in))
        .categoryId(TEXT.decode(in))
        .categoryCode(TEXT.decode(in))
        .brand(TEXT.decode(in))
        .priceCents(LONG.decode(in))
        .userId(TEXT.decode(in))
        .userSession(TEXT.decode(in))
        .build();
  }

  @Override
  public void verifyDeterministic() {}
}
