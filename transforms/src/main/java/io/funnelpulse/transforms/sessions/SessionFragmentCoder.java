package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.SessionSummaryCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/** Deterministic coder for {@link SessionFragment}. */
public final class SessionFragmentCoder extends AtomicCoder<SessionFragment> {
  private static final SessionFragmentCoder INSTANCE = new SessionFragmentCoder();

  private SessionFragmentCoder() {}

  public static SessionFragmentCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SessionFragment value, OutputStream out) throws IOException {
    StringUtf8Coder.of().encode(value.key(), out);
    SessionSummaryCoder.of().encode(value.summary(), out);
    VarIntCoder.of().encode(value.timing().ordinal(), out);
  }

  @Override
  public SessionFragment decode(InputStream in) throws IOException {
    return new SessionFragment(StringUtf8Coder.of().decode(in), SessionSummaryCoder.of().decode(in),
        PaneInfo.Timing.values()[VarIntCoder.of().decode(in)]);
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
