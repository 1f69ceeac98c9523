package io.funnelpulse.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The results of all checks, as a readable report and as JSON; it passes when nothing failed. */
public final class VerifyReport {
  /** File name of the JSON report in the output directory. */
  public static final String FILE_NAME = "_verify_report.json";

  private final List<CheckResult> results;
  private final boolean strict;

  VerifyReport(List<CheckResult> results, boolean strict) {
    this.results = List.copyOf(results);
    this.strict = strict;
  }

  public List<CheckResult> results() {
    return results;
  }

  /** The result of the named check. */
  public CheckResult result(String name) {
    return results.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No check " + name));
  }

  /** No check failed, and with --strict no check warned. */
  public boolean passed() {
    return results.stream()
        .noneMatch(r -> r.status() == CheckResult.Status.FAIL
            || (strict && r.status() == CheckResult.Status.WARN));
  }

  /** The terminal report. */
  public String toText() {
    StringBuilder s = new StringBuilder("FunnelPulse verify\n");
    for (CheckResult r : results) {
      s.append(String.format("  %-4s %-26s %s%n", r.status(), r.name(), r.summary()));
      for (String sample : r.samples()) {
        s.append("         ").append(sample).append('\n');
      }
    }
    s.append(passed() ? "verify: PASSED\n" : "verify: FAILED" + (strict ? " (strict)" : "") + "\n");
    return s.toString();
  }

  /** Writes the JSON report to {@code dir}/{@value #FILE_NAME}. */
  public Path writeJson(Path dir) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("passed", passed());
    root.put("strict", strict);
    ArrayNode checks = root.putArray("checks");
    for (CheckResult r : results) {
      ObjectNode check = checks.addObject();
      check.put("name", r.name());
      check.put("status", r.status().name());
      check.put("summary", r.summary());
      r.samples().forEach(check.putArray("rows")::add);
    }
    Path file = dir.resolve(FILE_NAME);
    mapper.writeValue(file.toFile(), root);
    return file;
  }
}
