package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/** Deterministic coder for {@link SessionVersion}. */
public final class SessionVersionCoder extends AtomicCoder<SessionVersion> {
  private static final SessionVersionCoder INSTANCE = new SessionVersionCoder();

  private SessionVersionCoder() {}

  public static SessionVersionCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SessionVersion value, OutputStream out) throws IOException {
    StringUtf8Coder.of().encode(value.key(), out);
    SessionSummaryCoder.of().encode(value.summary(), out);
    VarLongCoder.of().encode(value.version(), out);
    VarIntCoder.of().encode(value.timing().ordinal(), out);
    BooleanCoder.of().encode(value.superseded(), out);
  }

  @Override
  public SessionVersion decode(InputStream in) throws IOException {
    return new SessionVersion(StringUtf8Coder.of().decode(in), SessionSummaryCoder.of().decode(in),
        VarLongCoder.of().decode(in), PaneInfo.Timing.values()[VarIntCoder.of().decode(in)],
        BooleanCoder.of().decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
