package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.SessionSummary;
import io.funnelpulse.model.SessionSummaryCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.ListCoder;

/** Deterministic coder for {@link SessionRuns}: the sessions in start order. */
public final class SessionRunsCoder extends AtomicCoder<SessionRuns> {
  private static final SessionRunsCoder INSTANCE = new SessionRunsCoder();
  private static final ListCoder<SessionSummary> RUNS = ListCoder.of(SessionSummaryCoder.of());

  private SessionRunsCoder() {}

  public static SessionRunsCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SessionRuns value, OutputStream out) throws IOException {
    RUNS.encode(value.runs(), out);
  }

  @Override
  public SessionRuns decode(InputStream in) throws IOException {
    return new SessionRuns(Collections.unmodifiableList(RUNS.decode(in)));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }
}
