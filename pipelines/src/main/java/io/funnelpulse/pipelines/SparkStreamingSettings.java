package io.funnelpulse.pipelines;

import io.funnelpulse.io.StorageDirectory;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.apache.beam.runners.spark.SparkCommonPipelineOptions;
import org.apache.beam.runners.spark.SparkContextOptions;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.runners.spark.coders.SparkRunnerKryoRegistrator;
import org.apache.beam.runners.spark.translation.SparkContextFactory;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.StreamingContext;
import scala.Option;

/**
 * What a stream on the Spark runner needs to be correct: its state checkpointed every micro-batch
 * unless {@code --checkpointDurationMillis} says otherwise, and every state marked for a checkpoint
 * really checkpointed ({@link #provideContextThatCheckpointsEveryMarkedState}).
 *
 * <p>Why: the runner keeps each micro-batch's records read from the source inside its state RDDs,
 * cached in memory only, and keeps those of many batches until the next checkpoint. When memory runs
 * short Spark drops such a block and recomputes it, which asks the source's cached reader for the
 * batch again; the reader has moved on, so the recomputed batch holds other records. Measured on a
 * month of events (4M, 1 GiB heap): without this, a quarter to a half of the windows were missing or
 * short; with it, the final view equalled the reference. Checkpointing every batch writes the state
 * to {@code --checkpointDir} once per batch.
 */
public final class SparkStreamingSettings {
  private SparkStreamingSettings() {}

  /** Sets the checkpoint duration to the micro-batch interval when the runner is Spark and it is unset. */
  public static void applyTo(PipelineOptions options) {
    if (options.getRunner() != SparkRunner.class) {
      return;
    }
    SparkPipelineOptions spark = options.as(SparkPipelineOptions.class);
    if (spark.getCheckpointDurationMillis() == null || spark.getCheckpointDurationMillis() <= 0) {
      spark.setCheckpointDurationMillis(spark.getBatchIntervalMillis());
    }
  }

  /**
   * Creates the Spark context the stream runs in, as the runner would (master, jars to stage, app
   * name, the runner's Kryo registrator), with {@code spark.checkpoint.checkpointAllMarkedAncestors}
   * set, and hands it to the runner. Call it on the thread that then runs the pipeline, before it
   * runs, and {@link #handOverProvidedContext} once it runs.
   *
   * <p>Why: after a job Spark checkpoints the first RDD marked for a checkpoint that it meets walking
   * back from the job's result, and none behind it, unless this local property is set on the thread
   * that creates the RDDs (SPARK-6847). Spark's job generator sets it itself before each micro-batch,
   * but not on the thread that starts the streaming context, where a job resuming from its checkpoint
   * generates the micro-batches of the time it was down. Measured in the soak's 20-kill run: the jobs
   * of the last run added 72 stages each at first and two more every twenty jobs, until deserializing a
   * task overflowed the stack ({@code StackOverflowError} in
   * {@code List$SerializationProxy.readObject}, at stage 178,701). A local property is inherited from
   * the thread that creates a thread, so only a context made beforehand, with the property set on this
   * thread, passes it to every thread the runner starts; over 5,200 jobs of a resumed run the plans
   * then stayed at 18 to 24 stages.
   */
  public static JavaSparkContext provideContextThatCheckpointsEveryMarkedState(PipelineOptions options) {
    SparkPipelineOptions spark = options.as(SparkPipelineOptions.class);
    SparkCommonPipelineOptions.prepareFilesToStage(spark);
    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.master")) {
      conf.setMaster(spark.getSparkMaster());
    }
    if (spark.getFilesToStage() != null && !spark.getFilesToStage().isEmpty()) {
      conf.setJars(spark.getFilesToStage().toArray(new String[0]));
    }
    conf.setAppName(spark.getAppName());
    conf.set("spark.kryo.registrator", SparkRunnerKryoRegistrator.class.getName());
    JavaSparkContext context = new JavaSparkContext(conf);
    context.setLocalProperty(CHECKPOINT_ALL_MARKED_ANCESTORS, "true");
    SparkContextFactory.setProvidedSparkContext(context);
    options.as(SparkContextOptions.class).setUsesProvidedSparkContext(true);
    return context;
  }

  /**
   * Once the runner has taken the context: it stops it with the job, as a context it made itself
   * ({@code started} false: the start failed, and the context is stopped here).
   */
  public static void handOverProvidedContext(JavaSparkContext context, boolean started) {
    SparkContextFactory.clearProvidedSparkContext();
    if (!started) {
      context.stop();
    }
  }

  /**
   * Stops a Spark stream and its Spark context at once, then its result: the micro-batch in flight is
   * abandoned and the queued ones dropped (a restart generates them again from the checkpoint). The interruption of the
   * micro-batch in flight that this causes is expected and not rethrown; any other error is.
   *
   * <p>Why: the runner's cancel stops gracefully, working off every queued micro-batch first. A
   * stream whose micro-batches take longer than its interval has a queue that only grows, and a
   * SIGTERM then waited minutes (the Kafka soak: more than 120 s after its input was read).
   */
  public static void stopNow(PipelineResult result) throws IOException {
    Option<StreamingContext> active = StreamingContext.getActive();
    if (active.isDefined()) {
      active.get().stop(true, false);
    }
    try {
      result.cancel();
    } catch (RuntimeException e) {
      if (!causedByInterruption(e)) {
        throw e;
      }
    }
  }

  private static boolean causedByInterruption(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof InterruptedException || cause instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }

  /** Spark's name for the property (a constant of its {@code RDD} companion, private to Spark). */
  static final String CHECKPOINT_ALL_MARKED_ANCESTORS = "spark.checkpoint.checkpointAllMarkedAncestors";

  /**
   * Whether a Spark stream with these options resumes from an earlier run's checkpoint: its
   * {@code --checkpointDir} (local or on a Hadoop file system) already holds files. Its metrics then
   * include counts recovered from that checkpoint and records read again after the restart (they are
   * attempted counts), so they can exceed what the outputs hold.
   */
  public static boolean resumesFromCheckpoint(PipelineOptions options) {
    if (options.getRunner() != SparkRunner.class) {
      return false;
    }
    String dir = options.as(SparkPipelineOptions.class).getCheckpointDir();
    if (dir == null) {
      return false;
    }
    try {
      return StorageDirectory.of(dir, options).hasEntries();
    } catch (IOException e) {
      return false;
    }
  }
}
