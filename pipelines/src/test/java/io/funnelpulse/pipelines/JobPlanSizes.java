package io.funnelpulse.pipelines;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * For tests: a Spark listener (registered with {@code spark.extraListeners}) that records how many
 * stages each job's plan holds, skipped ones included, in the order the jobs start. A plan that
 * grows with every micro-batch is a lineage that is never cut by a checkpoint.
 */
public final class JobPlanSizes extends SparkListener {
  private static final List<Integer> SIZES = new ArrayList<>();

  /** Starts recording for the next Spark context created in this JVM. */
  static void recordNextContext() {
    synchronized (SIZES) {
      SIZES.clear();
    }
    System.setProperty("spark.extraListeners", JobPlanSizes.class.getName());
  }

  /** Stops registering the listener with new contexts; returns the sizes recorded. */
  static List<Integer> stopRecording() {
    System.clearProperty("spark.extraListeners");
    synchronized (SIZES) {
      return new ArrayList<>(SIZES);
    }
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    synchronized (SIZES) {
      SIZES.add(jobStart.stageInfos().size());
    }
  }
}
