package io.funnelpulse.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.funnelpulse.model.MetricNames;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.beam.sdk.metrics.GaugeResult;
import org.apache.beam.sdk.metrics.MetricKey;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Instant;

/**
 * The job's metrics while it runs on Flink, read from the cluster's REST API: Beam's Flink runner
 * reports them in the job's result only when the job ends, but it also hands every counter and gauge
 * to Flink's metric system, where each operator shows it as {@code <namespace>_<name>} with the dots
 * made underscores ({@code funnelpulse_clean_valid}). This reads the newest running job of the given
 * name, sums each of the job's metrics over the subtasks as a counter, and reports it as a gauge twice,
 * with its lowest and its highest value over the subtasks (the source's watermark is the lowest of its
 * readers', its other gauges the highest). Refreshed at most once a second; when the endpoint does not
 * answer, the metrics are empty: watching a job never fails it.
 */
final class FlinkRestMetrics extends MetricResults {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final long REFRESH_MILLIS = 1_000;
  private static final String STEP = "flink";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String jobName;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private MetricQueryResults cached = MetricQueryResults.create(List.of(), List.of(), List.of(), List.of());
  private long refreshedMillis;

  FlinkRestMetrics(URI endpoint, String jobName) {
    this.endpoint = endpoint;
    this.jobName = jobName;
  }

  @Override
  public synchronized MetricQueryResults queryMetrics(MetricsFilter filter) {
    long now = System.currentTimeMillis();
    if (now - refreshedMillis >= REFRESH_MILLIS) {
      refreshedMillis = now;
      try {
        cached = read(now);
      } catch (IOException | RuntimeException e) {
        // The endpoint is not up yet, or the job ended: keep the last figures.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return filtered(cached, filter);
  }

  private MetricQueryResults read(long now) throws IOException, InterruptedException {
    Optional<String> job = runningJob();
    if (job.isEmpty()) {
      return cached;
    }
    List<MetricResult<Long>> counters = new ArrayList<>();
    List<MetricResult<GaugeResult>> gauges = new ArrayList<>();
    Map<MetricName, long[]> sumMinMax = new HashMap<>();
    for (JsonNode vertex : get("/jobs/" + job.get()).path("vertices")) {
      String vertexPath = "/jobs/" + job.get() + "/vertices/" + vertex.path("id").asText() + "/subtasks/metrics";
      List<String> ids = new ArrayList<>();
      for (JsonNode metric : get(vertexPath)) {
        String id = metric.path("id").asText();
        if (metricName(id).isPresent()) {
          ids.add(id);
        }
      }
      if (ids.isEmpty()) {
        continue;
      }
      String query = URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8);
      for (JsonNode value : get(vertexPath + "?agg=sum,min,max&get=" + query)) {
        MetricName name = metricName(value.path("id").asText()).orElseThrow();
        long[] figures = sumMinMax.computeIfAbsent(name, n -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
        figures[0] += value.path("sum").asLong();
        figures[1] = Math.min(figures[1], value.path("min").asLong());
        figures[2] = Math.max(figures[2], value.path("max").asLong());
      }
    }
    Instant at = new Instant(now);
    sumMinMax.forEach((name, figures) -> {
      MetricKey key = MetricKey.create(STEP, name);
      counters.add(MetricResult.attempted(key, figures[0]));
      gauges.add(MetricResult.attempted(key, GaugeResult.create(figures[1], at)));
      gauges.add(MetricResult.attempted(key, GaugeResult.create(figures[2], at)));
    });
    return MetricQueryResults.create(counters, List.of(), gauges, List.of());
  }

  /** The newest running job named {@link #jobName} (or any name when it is empty). */
  private Optional<String> runningJob() throws IOException, InterruptedException {
    String newest = null;
    long newestStart = Long.MIN_VALUE;
    for (JsonNode job : get("/jobs/overview").path("jobs")) {
      boolean named = jobName.isEmpty() || jobName.equals(job.path("name").asText());
      if (named && "RUNNING".equals(job.path("state").asText()) && job.path("start-time").asLong() > newestStart) {
        newest = job.path("jid").asText();
        newestStart = job.path("start-time").asLong();
      }
    }
    return Optional.ofNullable(newest);
  }

  /** The Beam name of a metric of Flink's REST API ({@code <operator>.<namespace>_<name>}), if it is ours. */
  static Optional<MetricName> metricName(String restId) {
    String flinkName = restId.substring(restId.lastIndexOf('.') + 1);
    String namespace = null;
    for (String candidate : MetricNames.NAMESPACES) {
      String prefix = candidate.replace('.', '_') + "_";
      if (flinkName.startsWith(prefix) && (namespace == null || candidate.length() > namespace.length())) {
        namespace = candidate;
      }
    }
    if (namespace == null) {
      return Optional.empty();
    }
    return Optional.of(MetricName.named(namespace, flinkName.substring(namespace.length() + 1)));
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(TIMEOUT).GET().build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  private static MetricQueryResults filtered(MetricQueryResults all, MetricsFilter filter) {
    if (filter == null || filter.names().isEmpty()) {
      return all;
    }
    List<MetricResult<Long>> counters = new ArrayList<>();
    all.getCounters().forEach(c -> {
      if (matches(filter, c.getName())) {
        counters.add(c);
      }
    });
    List<MetricResult<GaugeResult>> gauges = new ArrayList<>();
    all.getGauges().forEach(g -> {
      if (matches(filter, g.getName())) {
        gauges.add(g);
      }
    });
    return MetricQueryResults.create(counters, List.of(), gauges, List.of());
  }

  private static boolean matches(MetricsFilter filter, MetricName name) {
    for (MetricNameFilter wanted : filter.names()) {
      if (wanted.getNamespace().equals(name.getNamespace())
          && (wanted.getName() == null || wanted.getName().equals(name.getName()))) {
        return true;
      }
    }
    return false;
  }
}
