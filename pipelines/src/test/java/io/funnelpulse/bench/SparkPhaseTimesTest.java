package io.funnelpulse.bench;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The phase listener on a real Spark context ({@code local[2]}): a job with a shuffle prints, when the
 * context stops, the time to the context's start, to the first job and over the jobs, and a line per
 * stage with its tasks and the records it read.
 */
class SparkPhaseTimesTest {
  @Test
  @Timeout(120)
  void printsThePhasesAndEveryStageOfAJobWhenTheContextStops() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("phase-times-test")
          .set("spark.ui.enabled", "false")
          .set("spark.extraListeners", SparkPhaseTimes.class.getName());
      try (JavaSparkContext sc = new JavaSparkContext(conf)) {
        long keys = sc.parallelize(Arrays.asList(1, 2, 3, 4, 5, 6), 3)
            .mapToPair(i -> new scala.Tuple2<>(i % 2, i))
            .reduceByKey(Integer::sum)
            .count();
        assertThat(keys, is(2L));
      }
    } finally {
      System.setErr(err);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertThat(printed, containsString("PHASE JVM start -> Spark context up"));
    assertThat(printed, containsString("PHASE Spark context up -> first job"));
    assertThat(printed, containsString("PHASE first job -> last job's end"));
    List<String> stages = printed.lines().filter(l -> l.startsWith("PHASE   stage")).toList();
    assertThat(printed, stages.size(), is(2));
    assertThat(stages.get(0), Pattern.compile("\\s3 tasks").matcher(stages.get(0)).find(), is(true));
    assertThat(stages.get(0), containsString("shuffle w"));
  }
}
