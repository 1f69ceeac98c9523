package io.funnelpulse.generate;

/**
 * A formatted row waiting to be written, ordered by its write position ({@code emitSecond}, the
 * event time plus any out-of-order displacement) and then by creation order.
 */
record PendingRow(long emitSecond, long sequence, long eventSecond, String line)
    implements Comparable<PendingRow> {

  @Override
  public int compareTo(PendingRow other) {
    int c = Long.compare(emitSecond, other.emitSecond);
    return c != 0 ? c : Long.compare(sequence, other.sequence);
  }
}
