package io.funnelpulse.transforms.clean;

import java.util.Locale;

/** The silver normalisation of text dimensions: brand in lower case, category code sanitised. */
public final class Normalise {
  private Normalise() {}

  /** Trimmed, lower-case brand; {@code null} when missing or blank. */
  public static String brand(String raw) {
    if (raw == null) {
      return null;
    }
    String t = raw.trim();
    return t.isEmpty() ? null : t.toLowerCase(Locale.ROOT);
  }

  /**
   * Lower-case category code whose characters outside {@code [a-z0-9.]} become {@code _}; {@code null}
   * when missing or blank.
   */
  public static String categoryCode(String raw) {
    if (raw == null) {
      return null;
    }
    String t = raw.trim().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      return null;
    }
    StringBuilder out = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.';
      out.append(allowed ? c : '_');
    }
    return out.toString();
  }
}
