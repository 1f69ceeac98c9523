package io.funnelpulse.generate;

import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Generates the event rows hour by hour: starts sessions in each hourly slot until the slot's share
 * of events is reached, formats their rows (with the data set's quirks and duplicates) into a
 * priority queue, and writes out every row that no later session can precede. Memory stays bounded
 * by the rows of the sessions still in flight.
 */
final class TrafficSimulator implements SessionWalker.Emitter {

  static final double ZERO_PRICE_SHARE = 0.0005;
  static final double NEGATIVE_PRICE_SHARE = 0.0005;
  static final double MISSING_SESSION_SHARE = 0.0002;
  /** Share of rows whose empty fields are written as {@code ""}, as in the multi-category files. */
  static final double QUOTED_EMPTY_SHARE = 0.08;

  private final GeneratorOptions options;
  private final SessionWalker walker;
  private final SplittableRandom traffic;
  private final SplittableRandom disorder;
  private final SplittableRandom injection;
  private final RowFormatter formatter = new RowFormatter();
  private final PriorityQueue<PendingRow> pending = new PriorityQueue<>();
  private final long startSecond;
  private final long endSecond;
  private final long maxDisplacementSeconds;
  private long budget;
  private long sequence;

  TrafficSimulator(GeneratorOptions options, SessionWalker walker, SplittableRandom traffic,
      SplittableRandom disorder, SplittableRandom injection) {
    this.options = options;
    this.walker = walker;
    this.traffic = traffic;
    this.disorder = disorder;
    this.injection = injection;
    this.startSecond = options.start().getEpochSecond();
    this.endSecond = startSecond + options.days() * 86_400L;
    this.maxDisplacementSeconds = options.outOfOrderMaxMinutes() * 60L;
  }

  /** Generates exactly {@code options.events()} rows into {@code sink}. */
  void run(LineSink sink) {
    long[] perSlot =
        DailyCycle.eventsPerSlot(options.events(), options.days(), startSecond, traffic);
    for (int slot = 0; slot < perSlot.length; slot++) {
      long slotStart = startSecond + slot * 3_600L;
      budget = perSlot[slot];
      while (budget > 0) {
        walker.walk(slotStart + traffic.nextInt(3_600), traffic, this);
      }
      // Sessions of later slots start at or after slotStart + 1h: everything before is final.
      flushBefore(slotStart + 3_600L, sink);
    }
    flushBefore(Long.MAX_VALUE, sink);
  }

  @Override
  public boolean emit(long eventSecond, EventKind kind, Product product, int userId,
      String session) {
    if (budget <= 0 || eventSecond >= endSecond) {
      return false;
    }
    double priceDraw = traffic.nextDouble();
    long price = product.priceCents();
    if (priceDraw < ZERO_PRICE_SHARE) {
      price = 0;
    } else if (priceDraw < ZERO_PRICE_SHARE + NEGATIVE_PRICE_SHARE) {
      price = -price;
    }
    boolean missingSession = traffic.nextDouble() < MISSING_SESSION_SHARE;
    boolean quotedEmpty = traffic.nextDouble() < QUOTED_EMPTY_SHARE;
    String line = formatter.format(eventSecond, kind, product, price, userId,
        missingSession ? null : session, quotedEmpty);
    long emitSecond = eventSecond;
    if (options.outOfOrderFraction() > 0
        && disorder.nextDouble() < options.outOfOrderFraction()) {
      emitSecond += 1 + disorder.nextLong(maxDisplacementSeconds);
    }
    int copies = injectedCopies(product.brand(), kind, eventSecond);
    if (copies == 0) {
      return true; // dropped by an injected anomaly; the session goes on
    }
    push(emitSecond, eventSecond, line);
    for (int extra = 1; extra < copies; extra++) {
      pending.add(new PendingRow(emitSecond, sequence++, eventSecond, line)); // on top of the budget
    }
    if (budget > 0 && traffic.nextDouble() < kind.firstCopyProbability()) {
      do {
        push(emitSecond, eventSecond, line); // same key, next sequence: stays adjacent
      } while (budget > 0 && traffic.nextDouble() < kind.moreCopiesProbability());
    }
    return budget > 0;
  }

  /**
   * How many times a row is written under the injected anomalies: 1 when none applies, else the
   * factor rounded at random (so that the mean is the factor). Draws only from its own random stream,
   * and only for affected rows, so the rest of the data is as without injections.
   */
  private int injectedCopies(String brand, EventKind kind, long eventSecond) {
    for (AnomalyInjection anomaly : options.injections()) {
      if (anomaly.affects(brand, kind, eventSecond)) {
        double factor = anomaly.factor();
        int whole = (int) Math.floor(factor);
        return whole + (injection.nextDouble() < factor - whole ? 1 : 0);
      }
    }
    return 1;
  }

  private void push(long emitSecond, long eventSecond, String line) {
    pending.add(new PendingRow(emitSecond, sequence++, eventSecond, line));
    budget--;
  }

  private void flushBefore(long emitSecond, LineSink sink) {
    while (!pending.isEmpty() && pending.peek().emitSecond() < emitSecond) {
      PendingRow row = pending.poll();
      sink.valid(row.line(), row.eventSecond());
    }
  }
}
