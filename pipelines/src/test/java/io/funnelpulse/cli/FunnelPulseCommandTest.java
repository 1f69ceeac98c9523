package io.funnelpulse.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelpulse.io.FunnelTableReader;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.pipelines.RunSummary;
import io.funnelpulse.pipelines.RunnerProfile;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line: subcommand dispatch, and {@code run} without input over the built-in sample. */
class FunnelPulseCommandTest {
  private static final String HEADER =
      "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";

  @TempDir Path dir;
  private String savedProfile;

  @BeforeEach
  void noRunnerProfile() {
    savedProfile = System.getProperty(RunnerProfile.PROPERTY);
    System.clearProperty(RunnerProfile.PROPERTY);
  }

  @AfterEach
  void restoreRunnerProfile() {
    if (savedProfile != null) {
      System.setProperty(RunnerProfile.PROPERTY, savedProfile);
    }
  }

  @Test
  @Timeout(60)
  void generateWritesTheRequestedEvents() throws Exception {
    Path out = dir.resolve("generated");
    int code =
        FunnelPulse.dispatch(new String[] {"generate", "--events=1000", "--days=1", "--output=" + out});
    assertThat(code, is(0));
    Path file = out.resolve("events-00000.csv");
    assertThat(Files.isRegularFile(file), is(true));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines.get(0), equalTo(HEADER));
    assertThat(lines.size(), is(1 + 1000));
    assertThat(lines.get(1), startsWith("2019-10-01 "));
  }

  @Test
  void anUnknownCommandReturnsTwo() throws Exception {
    assertThat(FunnelPulse.dispatch(new String[] {"frobnicate", "--events=1"}), is(2));
  }

  @Test
  void generateWithABadArgumentReturnsTwoAndWritesNothing() throws Exception {
    Path out = dir.resolve("never");
    assertThat(
        FunnelPulse.dispatch(new String[] {"generate", "--events=lots", "--output=" + out}), is(2));
    assertThat(Files.exists(out.resolve("events-00000.csv")), is(false));
  }

  @Test
  @Timeout(180)
  void runWithoutInputGeneratesTheSampleRunsItAndSavesTheSummary() throws Exception {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    RunSummary summary =
        RunCommand.run(
            new String[] {
              "--output=" + dir, "--sampleEvents=5000", "--sampleDays=1", "--runner=DirectRunner"
            },
            new PrintStream(text, true, StandardCharsets.UTF_8));
    String printed = text.toString(StandardCharsets.UTF_8);

    Path sample = dir.resolve(RunCommand.SAMPLE_INPUT_DIR).resolve("events-00000.csv");
    assertThat(Files.isRegularFile(sample), is(true));
    long sampleRows = Files.readAllLines(sample, StandardCharsets.UTF_8).size() - 1;
    assertThat(sampleRows, is(5000L));

    assertThat(printed, containsString("No --input given: generated the built-in sample"));
    assertThat(printed, containsString("FunnelPulse run finished on DirectRunner"));
    assertThat(printed, containsString("read = valid + quarantined: yes"));
    assertThat(summary.metrics().recordsRead(), is(5000L));
    assertThat(summary.metrics().conserved(), is(true));
    // One day of traffic: every hour of 2019-10-01 has a window.
    assertThat(summary.windows(), is(24L));

    Path json = dir.resolve(RunSummary.FILE_NAME);
    assertThat(Files.isRegularFile(json), is(true));
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    long read = root.get("records_read").asLong();
    assertThat(read, is(5000L));
    assertThat(read, is(root.get("valid").asLong() + root.get("quarantined").asLong()));
    assertThat(root.get("conserved").asBoolean(), is(true));
    assertThat(root.get("runner").asText(), equalTo("DirectRunner"));
    assertThat(root.get("windows").asLong(), is(24L));

    List<FunnelRow> finalView = FunnelTableReader.of(dir, FunnelDimension.BRAND).finalView();
    assertThat(root.get("final_view_rows").asLong(), is((long) finalView.size()));
    assertThat(root.get("busiest_window_top_keys").size(), greaterThan(0));
    long views = finalView.stream().mapToLong(r -> r.counts().views()).sum();
    long carts = finalView.stream().mapToLong(r -> r.counts().carts()).sum();
    long removes = finalView.stream().mapToLong(r -> r.counts().removes()).sum();
    long purchases = finalView.stream().mapToLong(r -> r.counts().purchases()).sum();
    assertThat(views + carts + removes + purchases, is(root.get("valid").asLong()));
  }

  @Test
  void everyToolAnswersHelpWithItsOptions() throws Exception {
    for (String tool : List.of("generate", "replay", "verify", "report")) {
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      PrintStream saved = System.out;
      System.setOut(new PrintStream(text, true, StandardCharsets.UTF_8));
      int code;
      try {
        code = FunnelPulse.dispatch(new String[] {tool, "--help"});
      } finally {
        System.setOut(saved);
      }
      assertThat(tool, code, is(0));
      String help = text.toString(StandardCharsets.UTF_8);
      assertThat(help, startsWith("Usage: " + tool));
      // The options come from the tool's PipelineOptions interface, each with its description.
      String option = Map.of("generate", "--malformedFraction", "replay", "--tooLateMinutes", "verify", "--recentWindows",
              "report", "--brands")
          .get(tool);
      assertThat(tool, help, containsString(option));
    }
  }
}
