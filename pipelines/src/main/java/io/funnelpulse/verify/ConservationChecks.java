package io.funnelpulse.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelpulse.io.TableSchemas;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.pipelines.RunSummary;
import io.funnelpulse.sql.DuckDbSession;
import io.funnelpulse.sql.FunnelSql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks that nothing was lost: from the run's own summary ({@code _run_summary.json}) records read =
 * valid + quarantined, the dead letters hold every quarantined record, the final view counts every
 * valid event; and a warning for any quarantine reason above its share of the records read. A stream
 * stopped before its input was complete ({@code input_complete} false in the summary) can lag its own
 * counters, and a stream resumed from a checkpoint counts records read again after the restart (Spark)
 * or only what it read itself (Flink), so there a disagreement is a warning; the outputs themselves are still checked against the reference.
 */
final class ConservationChecks {
  private final DuckDbSession db;
  private final VerifyOptions options;

  ConservationChecks(DuckDbSession db, VerifyOptions options) {
    this.db = db;
    this.options = options;
  }

  List<CheckResult> run() throws SQLException, IOException {
    String name = "conservation";
    Path summaryFile = Paths.get(options.output(), RunSummary.FILE_NAME);
    if (!Files.isRegularFile(summaryFile)) {
      return List.of(CheckResult.warn(name, "no run summary at " + summaryFile + ": conservation not checked",
          List.of()));
    }
    JsonNode summary = new ObjectMapper().readTree(summaryFile.toFile());
    long read = summary.path("records_read").asLong();
    long valid = summary.path("valid").asLong();
    long quarantined = summary.path("quarantined").asLong();
    long deadLetters = deadLetterRows();
    long counted = db.scalar("SELECT sum(views + carts + removes + purchases) FROM ("
        + FunnelSql.finalView(options.output(), options.dimension()) + ")");

    List<String> problems = new ArrayList<>();
    if (read != valid + quarantined) {
      problems.add(String.format("summary: records read %,d != valid %,d + quarantined %,d", read, valid,
          quarantined));
    }
    if (deadLetters != quarantined) {
      problems.add(String.format("dead letters hold %,d records, the summary says %,d quarantined",
          deadLetters, quarantined));
    }
    if (counted != valid) {
      problems.add(String.format("the final view counts %,d events, the summary says %,d valid", counted,
          valid));
    }
    List<CheckResult> results = new ArrayList<>();
    if (problems.isEmpty()) {
      results.add(CheckResult.pass(name, String.format(
          "records read %,d = valid %,d + quarantined %,d; dead letters and final view agree", read, valid,
          quarantined)));
    } else if (!summary.path("input_complete").asBoolean(true)) {
      results.add(CheckResult.warn(name, "the stream was stopped before its input was complete: its open "
          + "windows and last writes may lag the summary", problems));
    } else if (summary.path("resumed_from_checkpoint").asBoolean(false)) {
      results.add(CheckResult.warn(name, "the stream resumed from a checkpoint: its metrics are attempted "
          + "counts, with records read again after the restart (Spark) or this run's alone (Flink)", problems));
    } else {
      results.add(CheckResult.fail(name, "the run summary and the outputs disagree", problems));
    }
    results.add(quarantineShares(summary.path("quarantined_by_reason"), read));
    return results;
  }

  private long deadLetterRows() throws SQLException {
    Path dir = Paths.get(options.output(), TableNames.DEAD_LETTER);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    return db.scalar("SELECT count(*) FROM read_parquet('" + dir + "/*.parquet')");
  }

  private CheckResult quarantineShares(JsonNode byReason, long read) {
    String name = "quarantine_share";
    List<String> high = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = byReason.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> reason = it.next();
      double share = read == 0 ? 0 : reason.getValue().asDouble() / read;
      if (share > options.quarantineWarnShare()) {
        high.add(String.format("%s: %,d records, %.2f%% of those read", reason.getKey(),
            reason.getValue().asLong(), 100 * share));
      }
    }
    String limit = String.format("%.2f%%", 100 * options.quarantineWarnShare());
    return high.isEmpty()
        ? CheckResult.pass(name, "no quarantine reason above " + limit + " of records read")
        : CheckResult.warn(name, high.size() + " quarantine reason(s) above " + limit + " of records read",
            high);
  }
}
