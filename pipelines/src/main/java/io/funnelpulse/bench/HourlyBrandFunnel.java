package io.funnelpulse.bench;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.model.Outcome;
import io.funnelpulse.model.PaneFacts;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.transforms.clean.SilverRules;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.RecordParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hourly brand funnel of generated events computed once in memory, with the job's own parsing and
 * cleaning rules, as final rows per brand (missing brand left out), so that detection can be measured
 * and tested over months of events without running a pipeline over millions of them. The rows are
 * the bounded job's brand funnel (hourly windows, one final pane each).
 */
public final class HourlyBrandFunnel {
  public static final long HOUR_MILLIS = 3_600_000L;

  private final Map<String, TreeMap<Long, FunnelCounts>> byBrand = new HashMap<>();

  private HourlyBrandFunnel() {}

  /** The funnel of the events {@code options} generate. */
  public static HourlyBrandFunnel of(GeneratorOptions options) {
    HourlyBrandFunnel funnel = new HourlyBrandFunnel();
    EventGenerator.of(options).forEachLine(funnel::add);
    return funnel;
  }

  private void add(String line) {
    Outcome<EventRecord> parsed = RecordParser.parse(RawRecord.of(line, "generated", 0), InputFormat.CSV);
    if (!parsed.succeeded()) {
      return;
    }
    Outcome<ClickEvent> clean = SilverRules.apply(parsed.value());
    if (!clean.succeeded() || clean.value().brand() == null) {
      return;
    }
    ClickEvent event = clean.value();
    long hour = Math.floorDiv(event.eventTimeMillis(), HOUR_MILLIS) * HOUR_MILLIS;
    byBrand.computeIfAbsent(event.brand(), b -> new TreeMap<>())
        .computeIfAbsent(hour, h -> FunnelCounts.empty())
        .add(event.eventType(), event.priceCents());
  }

  /** Brands by total views, busiest first (ties by name). */
  public List<String> brandsByViews() {
    List<String> brands = new ArrayList<>(byBrand.keySet());
    brands.sort(Comparator.comparingLong((String b) -> -totalViews(b)).thenComparing(b -> b));
    return brands;
  }

  /** The brand's views over all hours. */
  public long totalViews(String brand) {
    return byBrand.get(brand).values().stream().mapToLong(FunnelCounts::views).sum();
  }

  /** The brand's rows, one final ON_TIME pane per hour it had events in. */
  public List<FunnelRow> rows(String brand) {
    List<FunnelRow> rows = new ArrayList<>();
    byBrand.getOrDefault(brand, new TreeMap<>()).forEach((start, counts) ->
        rows.add(FunnelRow.of(start, start + HOUR_MILLIS, brand, counts, PaneFacts.of("ON_TIME", 0, false))));
    return rows;
  }

  /** The brand's totals in the hour starting at {@code hourStartMillis} (zero without events). */
  public FunnelCounts counts(String brand, long hourStartMillis) {
    FunnelCounts counts = byBrand.getOrDefault(brand, new TreeMap<>()).get(hourStartMillis);
    return counts == null ? FunnelCounts.empty() : counts;
  }

  /** Every brand with events. */
  public List<String> brands() {
    return new ArrayList<>(byBrand.keySet());
  }
}
