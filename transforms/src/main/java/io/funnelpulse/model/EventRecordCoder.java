package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link EventRecord}. */
public final class EventRecordCoder extends AtomicCoder<EventRecord> {
  private static final EventRecordCoder INSTANCE = new EventRecordCoder();
  private static final Coder<String> TEXT = NullableCoder.of(StringUtf8Coder.of());
  private static final VarLongCoder LONG = VarLongCoder.of();

  private EventRecordCoder() {}

  public static EventRecordCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(EventRecord value, OutputStream out) throws IOException {
    RawRecordCoder.of().encode(value.raw(), out);
    LONG.encode(value.eventTimeMillis(), out);
    TEXT.encode(value.eventType(), out);
    TEXT.encode(value.productId(), out);
    TEXT.encode(value.categoryId(), out);
    TEXT.encode(value.categoryCode(), out);
    TEXT.encode(value.brand(), out);
    TEXT.encode(value.price(), out);
    TEXT.encode(value.userId(), out);
    TEXT.encode(value.userSession(), out);
  }

  @Override
  public EventRecord decode(InputStream in) throws IOException {
    RawRecord raw = RawRecordCoder.of().decode(in);
    long time = LONG.decode(in);
    return EventRecord.builder(raw, time)
        .eventType(TEXT.decode(in))
        .productId(TEXT.decode(in))
        .categoryId(TEXT.decode(in))
        .categoryCode(TEXT.decode(in))
        .brand(TEXT.decode(in))
        .price(TEXT.decode(in))
        .userId(TEXT.decode(in))
        .userSession(TEXT.decode(in))
        .build();
  }

  @Override
  public void verifyDeterministic() {}
}
