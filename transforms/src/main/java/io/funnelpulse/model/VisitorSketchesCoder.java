package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * Coder for {@link VisitorSketches}: both compact HLL images as they stand (the canonical form is made
 * only for output rows), then the exact sets if kept, sorted.
 */
public final class VisitorSketchesCoder extends AtomicCoder<VisitorSketches> {
  private static final VisitorSketchesCoder INSTANCE = new VisitorSketchesCoder();
  private static final Coder<List<String>> IDS = ListCoder.of(StringUtf8Coder.of());

  private VisitorSketchesCoder() {}

  public static VisitorSketchesCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(VisitorSketches value, OutputStream out) throws IOException {
    ByteArrayCoder.of().encode(value.visitorsImage(), out);
    ByteArrayCoder.of().encode(value.sessionsImage(), out);
    BooleanCoder.of().encode(value.hasExactCounts(), out);
    if (value.hasExactCounts()) {
      IDS.encode(new ArrayList<>(value.exactVisitorIds()), out);
      IDS.encode(new ArrayList<>(value.exactSessionIds()), out);
    }
  }

  @Override
  public VisitorSketches decode(InputStream in) throws IOException {
    byte[] users = ByteArrayCoder.of().decode(in);
    byte[] sessions = ByteArrayCoder.of().decode(in);
    SortedSet<String> exactUsers = null;
    SortedSet<String> exactSessions = null;
    if (BooleanCoder.of().decode(in)) {
      exactUsers = new TreeSet<>(IDS.decode(in));
      exactSessions = new TreeSet<>(IDS.decode(in));
    }
    return VisitorSketches.of(users, sessions, exactUsers, exactSessions);
  }

  @Override
  public void verifyDeterministic() {}
}
