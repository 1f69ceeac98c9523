package io.funnelpulse.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The report as one self-contained HTML file: the page ({@code funnelpulse/report/report.html}), Apache
 * ECharts inlined from its WebJar, the report's data as JSON and the script that draws the charts
 * ({@code report.js}). Nothing is fetched when the page is opened.
 */
final class ReportPage {
  /** Where the ECharts WebJar keeps its minified build. */
  static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  private ReportPage() {}

  /** The page for {@code data}. */
  static String render(JsonNode data) {
    String json;
    try {
      json = new ObjectMapper().writeValueAsString(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Inlined in <script> elements: no "</" may close them early.
    return resource("/funnelpulse/report/report.html")
        .replace("/*ECHARTS*/", resource(ECHARTS).replace("</", "<\\/"))
        .replace("/*DATA*/", json.replace("</", "<\\/"))
        .replace("/*SCRIPT*/", resource("/funnelpulse/report/report.js"));
  }

  private static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name + " (the report is built from a checkout)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
