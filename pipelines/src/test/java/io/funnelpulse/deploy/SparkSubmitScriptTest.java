package io.funnelpulse.deploy;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runner-profiles/spark-submit.sh} refuses what cannot work before it starts anything, with
 * exit code 2 and one message: a bad deploy mode, cluster mode with a local master, a missing job jar,
 * a standalone master nobody answers on.
 */
class SparkSubmitScriptTest {
  @TempDir Path dir;

  @Test
  @Timeout(30)
  void aBadDeployModeIsRefused() throws Exception {
    assertRefused(Map.of("DEPLOY_MODE", "sideways"), "DEPLOY_MODE must be client or cluster");
  }

  @Test
  @Timeout(30)
  void clusterModeWithALocalMasterIsRefused() throws Exception {
    assertRefused(Map.of("DEPLOY_MODE", "cluster", "SPARK_MASTER", "local[2]"),
        "runs only in client deploy mode");
  }

  @Test
  @Timeout(30)
  void aMissingJobJarIsRefused() throws Exception {
    assertRefused(Map.of("JOB_JAR", dir.resolve("nothing.jar").toString()), "no job jar at");
  }

  @Test
  @Timeout(30)
  void aMasterNobodyAnswersOnIsRefused() throws Exception {
    Path jar = Files.createFile(dir.resolve("job.jar"));
    String master = "spark://127.0.0.1:" + StandaloneSparkCluster.freePort();
    assertRefused(Map.of("JOB_JAR", jar.toString(), "SPARK_MASTER", master),
        "cannot reach the Spark master " + master);
  }

  private void assertRefused(Map<String, String> environment, String message) throws Exception {
    Path log = dir.resolve("submit.log");
    Files.deleteIfExists(log);
    Process process = ChildJvm.start(
        List.of("bash", ChildJvm.projectRoot().resolve("runner-profiles/spark-submit.sh").toString(),
            "--input=/events/*.csv"),
        environment, log);
    assertThat(process.waitFor(20, TimeUnit.SECONDS), is(true));
    assertThat(process.exitValue(), is(2));
    assertThat(Files.readString(log), containsString(message));
  }
}
