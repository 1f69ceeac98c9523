package io.funnelpulse.transforms.parse;

/**
 * How raw records are read: REES46 CSV lines, JSON lines with the same fields, or AUTO (a record that
 * starts with '{' is JSON, anything else CSV).
 */
public enum InputFormat {
  AUTO,
  CSV,
  JSON
}
