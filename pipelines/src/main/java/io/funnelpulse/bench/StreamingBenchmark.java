package io.funnelpulse.bench;

import io.funnelpulse.generate.EventGenerator;
import io.funnelpulse.generate.GenerationReport;
import io.funnelpulse.generate.GeneratorOptions;
import io.funnelpulse.io.LocalDirectories;
import io.funnelpulse.io.kafka.KafkaAddress;
import io.funnelpulse.io.watch.WatchedDirectorySource;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.pipelines.EventSource;
import io.funnelpulse.pipelines.FlinkSettings;
import io.funnelpulse.pipelines.RunMetrics;
import io.funnelpulse.pipelines.SourceProgress;
import io.funnelpulse.pipelines.SparkStreamingSettings;
import io.funnelpulse.pipelines.StreamingJob;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * The streaming benchmark: generates events (once, kept in the bench directory), lands them as small
 * files in a watched directory (all before the job starts, or at {@code --arrivalEventsPerSecond}),
 * runs the streaming job until every line is counted valid or quarantined, and prints the sustained
 * events/s, the partials pre-aggregation sent to grouping and state, the peak heap, the peak size of
 * the runner's checkpoint directory and, when paced, the freshness of each window's first pane (after
 * a warm-up file, so the job's start-up is not counted as latency). With {@code --benchSource=KAFKA}
 * the events are produced to a topic of {@code --topicPartitions} partitions at
 * {@code --bootstrapServers} instead (all before the job starts, or file by file at the arrival rate),
 * and the job reads them from Kafka. On Spark the checkpoint directory is measured, on Flink the
 * retained checkpoints (RocksDB); the job's progress on Flink comes from the cluster's REST API.
 *
 * <pre>
 * runner-profiles/bench-streaming.sh                      # a month as fast as the job takes it
 * ARRIVAL=5000 EVENTS=300000 DAYS=2 runner-profiles/bench-streaming.sh    # freshness at 5K events/s
 * runner-profiles/bench-kafka.sh                          # from a 3-partition topic, broker on this machine
 * </pre>
 */
public final class StreamingBenchmark {
  private static final long POLL_MILLIS = 500;
  private static final long PROGRESS_MILLIS = 10_000;

  private StreamingBenchmark() {}

  public static void main(String[] args) throws Exception {
    StreamingBenchmarkOptions options =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(StreamingBenchmarkOptions.class);
    run(options, System.out);
    // A cancelled Kafka read leaves its consumer threads behind (not daemons): end the JVM here.
    System.exit(0);
  }

  /** Runs the benchmark and prints its figures to {@code out}. */
  static void run(StreamingBenchmarkOptions options, PrintStream out) throws Exception {
    Path work = Paths.get(options.getBenchDir().isEmpty()
        ? System.getProperty("java.io.tmpdir") + "/funnelpulse-stream-bench" : options.getBenchDir());
    GenerationReport generated = generate(options, work);
    long lines = generated.validEvents() + generated.malformedLines();
    Path landing = emptyDirectory(work.resolve("landing"));
    Path output = emptyDirectory(work.resolve("out"));
    Path checkpoint = emptyDirectory(work.resolve("checkpoint"));
    boolean kafka = options.getBenchSource() == EventSource.KAFKA;
    options.setSource(options.getBenchSource());
    options.setInput(landing.toString());
    options.setOutput(output.toString());
    if (options.getRunner() == SparkRunner.class) {
      options.as(SparkPipelineOptions.class).setCheckpointDir(checkpoint.toString());
    } else if (FlinkSettings.isFlink(options)) {
      options.as(FlinkPipelineOptions.class).setStateBackendStoragePath(checkpoint.toString());
    }
    long arrival = options.getArrivalEventsPerSecond();
    double filesPerSecond = arrival > 0 ? arrival / (double) options.getEventsPerFile() : 0;
    long windowMillis = Duration.standardMinutes(options.getWindowSizeMinutes()).getMillis();
    KafkaAddress topic = kafka
        ? KafkaAddress.parse(KafkaAddress.SCHEME + options.getBootstrapServers() + "/" + options.getTopic())
        : null;
    KafkaTopicLoader pacedProducer =
        kafka && arrival > 0 ? KafkaTopicLoader.landingOn(topic, options.getTopicPartitions()) : null;
    LandingSchedule schedule = pacedProducer != null
        ? LandingSchedule.of(generated.files(), pacedProducer, filesPerSecond, windowMillis)
        : LandingSchedule.of(generated.files(), landing, filesPerSecond, windowMillis);
    if (kafka && arrival == 0) {
      long producing = System.currentTimeMillis();
      long produced = KafkaTopicLoader.load(topic, options.getTopicPartitions(), generated.files());
      out.printf("BENCH produced %,d records to %s (%d partitions) in %.1f s%n", produced, topic,
          options.getTopicPartitions(), (System.currentTimeMillis() - producing) / 1000.0);
    }
    out.printf("BENCH streaming on %s: %,d lines %s, pre-aggregation %s%n",
        options.getRunner().getSimpleName(), lines,
        String.format("%s, %s", kafka ? "from Kafka topic " + options.getTopic()
                : String.format("in %d files of %,d", generated.files().size(), options.getEventsPerFile()),
            arrival > 0 ? String.format("arriving at %,d events/s", arrival)
                : kafka ? "all produced before the job starts" : "all landed before the job starts"),
        options.getPreAggregate() ? "on" : "off");
    if (arrival == 0 && !kafka) {
      schedule.run();
      markEnd(landing);
    }
    try (ResourceSampler sampler = ResourceSampler.start(checkpoint)) {
      long start = System.currentTimeMillis();
      PipelineResult result = StreamingJob.start(options);
      Thread lander = null;
      if (arrival > 0) {
        long warmUpLines = schedule.landWarmUp();
        awaitAllCounted(result, warmUpLines, false, start, options.getDeadlineSeconds() * 1000L, sampler, out);
        out.printf("  job reading (first file counted after %.1f s); landing the rest at %,d events/s%n",
            (System.currentTimeMillis() - start) / 1000.0, arrival);
        lander = landInBackground(schedule, kafka ? null : landing);
      }
      // Spark counts a partition's metrics again whenever it recomputes one (cached blocks dropped under
      // memory pressure), and reads ahead of the micro-batches it has yet to process. There the end is
      // the job's own: the end marker read, then a graceful stop works off every queued micro-batch.
      boolean endsAtMarker = options.getRunner() == SparkRunner.class && !kafka;
      Progress progress =
          awaitAllCounted(result, lines, endsAtMarker, start, options.getDeadlineSeconds() * 1000L, sampler, out);
      if (progress.readToTheEnd) {
        long markerRead = System.currentTimeMillis();
        result.cancel();
        progress.lastCountedMillis = System.currentTimeMillis();
        progress.metrics = RunMetrics.of(result);
        progress.counted = progress.metrics.valid() + progress.metrics.quarantined();
        out.printf("  end marker read after %.1f s; the micro-batches queued by then worked off in %.1f s%n",
            (markerRead - start) / 1000.0, (progress.lastCountedMillis - markerRead) / 1000.0);
      } else {
        stop(result, options);
      }
      if (lander != null) {
        lander.join();
      }
      if (pacedProducer != null) {
        pacedProducer.close();
      }
      report(options, progress, sampler, out);
      if (arrival > 0) {
        out.println("BENCH " + Freshness.measure(schedule.firstLandedMillisByWindow(),
            output.resolve(options.getDimension().tableName())));
      }
    }
  }

  /**
   * Stops the job as the job itself does on a signal: Spark without working off the micro-batches
   * queued behind a slow one; a stream in an embedded Flink cluster cannot be, and ends with this JVM.
   */
  private static void stop(PipelineResult result, StreamingBenchmarkOptions options) throws IOException {
    if (options.getRunner() == SparkRunner.class) {
      SparkStreamingSettings.stopNow(result);
    } else if (!FlinkSettings.isFlink(options)) {
      result.cancel();
    }
  }

  private static GenerationReport generate(StreamingBenchmarkOptions options, Path work) throws IOException {
    long events = options.getSampleEvents();
    int files = (int) Math.max(1, (events + options.getEventsPerFile() - 1) / options.getEventsPerFile());
    Path dir = work.resolve(String.format("generated-%d-%d-%d", events, options.getSampleDays(), files));
    return EventGenerator.of(
            GeneratorOptions.defaults().withEvents(events).withDays(options.getSampleDays()).withFiles(files))
        .writeTo(dir);
  }

  /** Lands the watched directory's end marker after its last file. */
  private static void markEnd(Path landing) throws IOException {
    Files.createFile(landing.resolve(WatchedDirectorySource.END_MARKER));
  }

  /** Whether the source read its end marker and every file before it, and has read once since. */
  private static boolean readPastEndMarker(PipelineResult result) {
    SourceProgress source = SourceProgress.of(result);
    return source.inputComplete() && source.checkpointsAfterEnd() >= 1;
  }

  private static Thread landInBackground(LandingSchedule schedule, Path landingToMarkEnd) {
    Thread thread = new Thread(() -> {
      try {
        schedule.run();
        if (landingToMarkEnd != null) {
          markEnd(landingToMarkEnd);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "lander");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** When the job counted its first and its last line, and the metrics then. */
  private static final class Progress {
    long firstCountedMillis;
    long lastCountedMillis;
    long counted;
    long lines;
    boolean readToTheEnd;
    RunMetrics metrics;
    long startMillis;
  }

  private static Progress awaitAllCounted(
      PipelineResult result, long lines, boolean endsAtMarker, long start, long deadlineMillis,
      ResourceSampler sampler, PrintStream out) throws InterruptedException {
    Progress progress = new Progress();
    progress.startMillis = start;
    progress.lines = lines;
    long nextReport = start + PROGRESS_MILLIS;
    while (System.currentTimeMillis() - start < deadlineMillis) {
      PipelineResult.State state = result.waitUntilFinish(Duration.millis(POLL_MILLIS));
      if (state != null && state.isTerminal()) {
        throw new IllegalStateException("The streaming job ended early in state " + state);
      }
      RunMetrics metrics = RunMetrics.of(result);
      long counted = metrics.valid() + metrics.quarantined();
      long now = System.currentTimeMillis();
      if (counted > progress.counted) {
        if (progress.counted == 0) {
          progress.firstCountedMillis = now;
        }
        progress.lastCountedMillis = now;
        progress.counted = counted;
      }
      progress.metrics = metrics;
      if (now >= nextReport) {
        out.printf("  %5.0f s  counted %,d of %,d lines, checkpoint %,.1f MiB, sessions let go %,d, largest ledger bucket %,d%n",
            (now - start) / 1000.0, counted, lines, sampler.latestDirectoryBytes() / 1048576.0,
            metrics.sessionCounter(MetricNames.SESSIONS_CLOSED), metrics.largestLedgerBucket());
        nextReport += PROGRESS_MILLIS;
      }
      if (endsAtMarker ? readPastEndMarker(result) : counted >= lines) {
        progress.readToTheEnd = endsAtMarker;
        return progress;
      }
    }
    out.printf("  deadline passed with %,d of %,d lines counted%n", progress.counted, lines);
    return progress;
  }

  private static void report(
      StreamingBenchmarkOptions options, Progress progress, ResourceSampler sampler, PrintStream out) {
    RunMetrics metrics = progress.metrics;
    double sustainedSeconds = (progress.lastCountedMillis - progress.firstCountedMillis) / 1000.0;
    double totalSeconds = (progress.lastCountedMillis - progress.startMillis) / 1000.0;
    // Read to the end marker, every line went through; Spark's count may be larger (recomputed partitions).
    long done = progress.readToTheEnd ? progress.lines : progress.counted;
    if (progress.readToTheEnd) {
      out.printf("BENCH read to the end marker: all %,d lines (Spark's attempted count: %,d, valid %,d, quarantined %,d)%n",
          progress.lines, progress.counted, metrics.valid(), metrics.quarantined());
    }
    out.printf("BENCH counted %,d lines (valid %,d, quarantined %,d) in %.1f s from job start: %,.0f events/s%n",
        done, metrics.valid(), metrics.quarantined(), totalSeconds, totalSeconds > 0 ? done / totalSeconds : 0.0);
    out.printf("BENCH sustained (first counted batch to the last, %.1f s): %,.0f events/s%n", sustainedSeconds,
        sustainedSeconds > 0 ? done / sustainedSeconds : 0.0);
    out.printf("BENCH grouped and kept in state: %,d partials for %,d valid events (%.3f per event) %s%n",
        metrics.partials(), metrics.valid(),
        metrics.valid() > 0 ? metrics.partials() / (double) metrics.valid() : 0.0, metrics.partialsByAggregation());
    out.printf("BENCH peak heap used %,.0f MiB; peak checkpoint directory %,.1f MiB%n",
        sampler.peakHeapBytes() / 1048576.0, sampler.peakDirectoryBytes() / 1048576.0);
    out.printf("BENCH checkpoint directory at the end %,.1f MiB; sessions let go by the ledger %,d, merged by a bridging event %,d; "
        + "most sessions a ledger bucket kept %,d%n",
        sampler.latestDirectoryBytes() / 1048576.0, metrics.sessionCounter(MetricNames.SESSIONS_CLOSED),
        metrics.sessionCounter(MetricNames.SESSIONS_MERGED), metrics.largestLedgerBucket());
  }

  private static Path emptyDirectory(Path dir) throws IOException {
    LocalDirectories.deleteTree(dir);
    return Files.createDirectories(dir);
  }
}
