package io.funnelpulse.transforms.sessions;

import io.funnelpulse.model.SessionSummary;
import io.funnelpulse.model.SessionSummaryCoder;
import io.funnelpulse.transforms.aggregate.WindowByEventTime;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The session windows of the job: splits each key's pre-aggregated {@link SessionRuns} into runs
 * stamped with their first event, assigns them {@link SessionWindows} (merging), fires like every table
 * (at the watermark, early after a delay, late per element) with discarding panes, and turns each pane
 * into a {@link SessionFragment}: the events the pane brought, merged. {@link SessionLedgerFn} makes
 * whole sessions of the fragments, the same way on every runner (the Spark runner's streaming mode does
 * not merge a window with one that has already fired: there a late event comes as a window of its own).
 *
 * <pre>{@code
 * PCollection<SessionFragment> fragments = partials.get(sessionRuns.tag()).apply("Sessionize",
 *     Sessionize.withGap(Duration.standardMinutes(30)).withAllowedLateness(Duration.standardHours(3)));
 * }</pre>
 */
public final class Sessionize extends PTransform<PCollection<KV<String, SessionRuns>>, PCollection<SessionFragment>> {
  private final Duration gap;
  private final Duration allowedLateness;
  private final Duration earlyFiringDelay;

  private Sessionize(Duration gap, Duration allowedLateness, Duration earlyFiringDelay) {
    this.gap = Objects.requireNonNull(gap, "gap");
    this.allowedLateness = Objects.requireNonNull(allowedLateness, "allowedLateness");
    this.earlyFiringDelay = Objects.requireNonNull(earlyFiringDelay, "earlyFiringDelay");
  }

  /** Sessions ending after {@code gap} without an event; no lateness, no early firings. */
  public static Sessionize withGap(Duration gap) {
    return new Sessionize(gap, Duration.ZERO, WindowByEventTime.NO_EARLY_FIRINGS);
  }

  /** A copy keeping a session window open for late events this long after it closed. */
  public Sessionize withAllowedLateness(Duration lateness) {
    return new Sessionize(gap, lateness, earlyFiringDelay);
  }

  /** A copy firing early panes this long after a pane's first element; zero means none. */
  public Sessionize withEarlyFiringDelay(Duration delay) {
    return new Sessionize(gap, allowedLateness, delay);
  }

  @Override
  public PCollection<SessionFragment> expand(PCollection<KV<String, SessionRuns>> partials) {
    KvCoder<String, SessionSummary> runCoder = KvCoder.of(StringUtf8Coder.of(), SessionSummaryCoder.of());
    return partials
        .apply("SplitRuns", ParDo.of(new SplitRunsFn()))
        .setCoder(runCoder)
        .apply(
            "AssignSessionWindows",
            Window.<KV<String, SessionSummary>>into(SessionWindows.withGap(gap))
                .triggering(WindowByEventTime.firings(earlyFiringDelay))
                .withAllowedLateness(allowedLateness)
                .discardingFiredPanes())
        .apply("GroupRunsPerSession", GroupByKey.create())
        .apply("MergeRuns", ParDo.of(new MergeRunsFn()))
        .setCoder(SessionFragmentCoder.of());
  }

  /** One element per run, stamped with the run's first event (never before the partial's window start). */
  static final class SplitRunsFn extends DoFn<KV<String, SessionRuns>, KV<String, SessionSummary>> {
    @ProcessElement
    public void processElement(@Element KV<String, SessionRuns> partial, OutputReceiver<KV<String, SessionSummary>> out) {
      for (SessionSummary run : partial.getValue().runs()) {
        out.outputWithTimestamp(KV.of(partial.getKey(), run), new Instant(run.startMillis()));
      }
    }
  }

  /** The runs of one pane of a session window merged into one fragment, with the pane's timing. */
  static final class MergeRunsFn extends DoFn<KV<String, Iterable<SessionSummary>>, SessionFragment> {
    @ProcessElement
    public void processElement(
        @Element KV<String, Iterable<SessionSummary>> pane, PaneInfo paneInfo, OutputReceiver<SessionFragment> out) {
      if (!pane.getValue().iterator().hasNext()) {
        return; // an empty pane (a repeated firing) brings nothing
      }
      out.output(new SessionFragment(pane.getKey(), SessionSummary.mergeAll(pane.getValue()), paneInfo.getTiming()));
    }
  }
}
