package io.funnelpulse.generate;

import java.util.SplittableRandom;

/**
 * Adds exactly {@code malformedTotal} malformed lines, spread uniformly after the
 * {@code validTotal} valid rows (selection sampling, Knuth's algorithm S), and passes everything on.
 */
final class MalformedInjector implements LineSink {

  private final LineSink next;
  private final SplittableRandom random;
  private final long validTotal;
  private long validSeen;
  private long malformedLeft;

  MalformedInjector(long validTotal, long malformedTotal, SplittableRandom random, LineSink next) {
    if (malformedTotal > validTotal) {
      throw new IllegalArgumentException("more malformed lines than valid rows");
    }
    this.validTotal = validTotal;
    this.malformedLeft = malformedTotal;
    this.random = random;
    this.next = next;
  }

  @Override
  public void valid(String line, long eventSecond) {
    next.valid(line, eventSecond);
    long slotsLeft = validTotal - validSeen;
    validSeen++;
    if (malformedLeft > 0 && random.nextDouble() * slotsLeft < malformedLeft) {
      malformedLeft--;
      MalformedKind kind = MalformedKind.pick(random);
      next.malformed(kind.corrupt(line, random), kind.label());
    }
  }

  @Override
  public void malformed(String line, String kind) {
    next.malformed(line, kind);
  }
}
