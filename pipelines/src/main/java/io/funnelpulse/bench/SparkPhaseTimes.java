package io.funnelpulse.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationEnd;
import org.apache.spark.scheduler.SparkListenerApplicationStart;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.StageInfo;
import org.apache.spark.storage.RDDInfo;
import scala.collection.JavaConverters;

/**
 * Where a Spark run's wall time goes, for the batch benchmarks: a Spark listener (register it with
 * {@code -Dspark.extraListeners=io.funnelpulse.bench.SparkPhaseTimes}) that prints, when the Spark
 * context stops, {@code PHASE} lines to standard error: from the JVM's start to the context's, from
 * there to the first job (for a Beam pipeline: translating the graph), each job and its stages (wall
 * time, the tasks' run, CPU and GC time, records read and written, shuffle written and read, spill,
 * and the names of the steps the stage runs), and from the last job to the context's stop. What
 * comes after the stop (the job's run summary) the job prints itself.
 */
public final class SparkPhaseTimes extends SparkListener {
  private static final int STEP_NAMES_SHOWN = 4;

  private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
  private final List<String> lines = new ArrayList<>();
  private long applicationStartMillis;
  private long firstJobMillis = -1;
  private long lastJobEndMillis = -1;
  private double stageSeconds;

  @Override
  public synchronized void onApplicationStart(SparkListenerApplicationStart start) {
    applicationStartMillis = start.time();
  }

  @Override
  public synchronized void onJobStart(SparkListenerJobStart start) {
    if (firstJobMillis < 0) {
      firstJobMillis = start.time();
    }
    String callSite = start.properties() == null ? null : start.properties().getProperty("callSite.short");
    lines.add(String.format(Locale.ROOT, "PHASE job %d starts at %.1f s (%s)", start.jobId(),
        sinceJvmStart(start.time()), callSite == null ? "?" : callSite));
  }

  @Override
  public synchronized void onJobEnd(SparkListenerJobEnd end) {
    lastJobEndMillis = Math.max(lastJobEndMillis, end.time());
    lines.add(String.format(Locale.ROOT, "PHASE job %d ends at %.1f s", end.jobId(), sinceJvmStart(end.time())));
  }

  @Override
  public synchronized void onStageCompleted(SparkListenerStageCompleted completed) {
    StageInfo stage = completed.stageInfo();
    long submitted = (Long) stage.submissionTime().getOrElse(() -> 0L);
    long done = (Long) stage.completionTime().getOrElse(() -> submitted);
    double wall = (done - submitted) / 1000.0;
    stageSeconds += wall;
    TaskMetrics m = stage.taskMetrics();
    lines.add(String.format(Locale.ROOT,
        "PHASE   stage %3d %-28.28s %4d tasks %6.1f s wall | tasks %6.1f s, cpu %6.1f s, gc %5.1f s"
            + " | in %,d rec | out %,d rec | shuffle w %,.1f MiB (%.1f s) r %,.1f MiB | spill %,.1f MiB | %s",
        stage.stageId(), stage.name(), stage.numTasks(), wall, m.executorRunTime() / 1000.0,
        m.executorCpuTime() / 1e9, m.jvmGCTime() / 1000.0, m.inputMetrics().recordsRead(),
        m.outputMetrics().recordsWritten(), m.shuffleWriteMetrics().bytesWritten() / 1048576.0,
        m.shuffleWriteMetrics().writeTime() / 1e9, m.shuffleReadMetrics().totalBytesRead() / 1048576.0,
        m.diskBytesSpilled() / 1048576.0, stepNames(stage)));
  }

  @Override
  public synchronized void onApplicationEnd(SparkListenerApplicationEnd end) {
    PrintStream err = System.err;
    err.printf(Locale.ROOT, "PHASE JVM start -> Spark context up        %6.1f s%n",
        (applicationStartMillis - jvmStartMillis) / 1000.0);
    if (firstJobMillis >= 0) {
      err.printf(Locale.ROOT, "PHASE Spark context up -> first job         %6.1f s%n",
          (firstJobMillis - applicationStartMillis) / 1000.0);
      err.printf(Locale.ROOT, "PHASE first job -> last job's end           %6.1f s (stages' wall time summed: %.1f s)%n",
          (lastJobEndMillis - firstJobMillis) / 1000.0, stageSeconds);
      err.printf(Locale.ROOT, "PHASE last job's end -> Spark context stop  %6.1f s%n",
          (end.time() - lastJobEndMillis) / 1000.0);
    }
    lines.forEach(err::println);
    err.flush();
  }

  private double sinceJvmStart(long millis) {
    return (millis - jvmStartMillis) / 1000.0;
  }

  /** The distinct names of the first RDDs of {@code stage}: for Beam, the steps it runs. */
  private static String stepNames(StageInfo stage) {
    Set<String> names = new LinkedHashSet<>();
    for (RDDInfo rdd : JavaConverters.seqAsJavaList(stage.rddInfos())) {
      if (rdd.name() != null && !rdd.name().isEmpty()) {
        names.add(rdd.name());
      }
    }
    List<String> shown = new ArrayList<>(names);
    String more = shown.size() > STEP_NAMES_SHOWN ? " +" + (shown.size() - STEP_NAMES_SHOWN) : "";
    return String.join(", ", shown.subList(0, Math.min(STEP_NAMES_SHOWN, shown.size()))) + more;
  }
}
