package io.funnelpulse.generate;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An anomaly the generator puts into its data: for one brand, from an hour on for a number of hours,
 * every row of one event type is written {@code factor} times over on average (0 drops them all,
 * 0.5 keeps about half, 5 writes about five copies). Spec: {@code brand:metric:start:hours:factor}
 * with metric {@code views}, {@code carts}, {@code removes} or {@code purchases} and start a UTC hour
 * {@code yyyy-MM-ddTHH}, e.g. {@code kosmari:purchases:2019-10-20T18:3:0}.
 */
public final class AnomalyInjection {
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH", Locale.ROOT);
  /** Largest factor accepted: a spike beyond it is no longer a realistic demo. */
  static final double MAX_FACTOR = 100;

  private final String brand;
  private final EventKind kind;
  private final long startSecond;
  private final int hours;
  private final double factor;

  private AnomalyInjection(String brand, EventKind kind, long startSecond, int hours, double factor) {
    this.brand = brand;
    this.kind = kind;
    this.startSecond = startSecond;
    this.hours = hours;
    this.factor = factor;
  }

  /**
   * Parses one or more comma-separated specs.
   *
   * @throws IllegalArgumentException naming the spec and what is wrong with it
   */
  public static List<AnomalyInjection> parseAll(String specs) {
    List<AnomalyInjection> parsed = new ArrayList<>();
    for (String spec : specs.split(",")) {
      parsed.add(parse(spec.trim()));
    }
    return parsed;
  }

  /** Parses one {@code brand:metric:start:hours:factor} spec. */
  public static AnomalyInjection parse(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length != 5) {
      throw bad(spec, "expected brand:metric:start:hours:factor, e.g. kosmari:purchases:2019-10-20T18:3:0");
    }
    String brand = parts[0].trim().toLowerCase(Locale.ROOT);
    if (brand.isEmpty()) {
      throw bad(spec, "the brand is empty");
    }
    EventKind kind = kindOf(spec, parts[1].trim());
    long start;
    int hours;
    double factor;
    try {
      start = LocalDateTime.parse(parts[2].trim(), HOUR).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw bad(spec, "start '" + parts[2] + "' is not a UTC hour yyyy-MM-ddTHH");
    }
    try {
      hours = Integer.parseInt(parts[3].trim());
      factor = Double.parseDouble(parts[4].trim());
    } catch (NumberFormatException e) {
      throw bad(spec, "hours must be a whole number and factor a number");
    }
    if (hours < 1) {
      throw bad(spec, "hours must be at least 1");
    }
    if (!(factor >= 0 && factor <= MAX_FACTOR)) {
      throw bad(spec, "factor must be between 0 and " + (int) MAX_FACTOR);
    }
    return new AnomalyInjection(brand, kind, start, hours, factor);
  }

  private static EventKind kindOf(String spec, String metric) {
    switch (metric.toLowerCase(Locale.ROOT)) {
      case "views":
        return EventKind.VIEW;
      case "carts":
        return EventKind.CART;
      case "removes":
        return EventKind.REMOVE_FROM_CART;
      case "purchases":
        return EventKind.PURCHASE;
      default:
        throw bad(spec, "metric '" + metric + "' is not one of views, carts, removes, purchases");
    }
  }

  private static IllegalArgumentException bad(String spec, String why) {
    return new IllegalArgumentException("Bad --inject '" + spec + "': " + why);
  }

  /** Whether a row of {@code rowKind} and {@code rowBrand} at {@code eventSecond} is affected. */
  boolean affects(String rowBrand, EventKind rowKind, long eventSecond) {
    return rowKind == kind && brand.equals(rowBrand)
        && eventSecond >= startSecond && eventSecond < startSecond + hours * 3_600L;
  }

  public String brand() {
    return brand;
  }

  /** The metric as written in the spec: views, carts, removes or purchases. */
  public String metric() {
    switch (kind) {
      case VIEW:
        return "views";
      case CART:
        return "carts";
      case REMOVE_FROM_CART:
        return "removes";
      default:
        return "purchases";
    }
  }

  public long startSecond() {
    return startSecond;
  }

  public int hours() {
    return hours;
  }

  public double factor() {
    return factor;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AnomalyInjection)) {
      return false;
    }
    AnomalyInjection that = (AnomalyInjection) o;
    return startSecond == that.startSecond && hours == that.hours && Double.compare(factor, that.factor) == 0
        && brand.equals(that.brand) && kind == that.kind;
  }

  @Override
  public int hashCode() {
    return Objects.hash(brand, kind, startSecond, hours, factor);
  }

  @Override
  public String toString() {
    return brand + ":" + metric() + ":" + HOUR.format(LocalDateTime.ofEpochSecond(startSecond, 0, ZoneOffset.UTC))
        + ":" + hours + ":" + factor;
  }
}
