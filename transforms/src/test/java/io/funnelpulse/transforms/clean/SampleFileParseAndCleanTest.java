package io.funnelpulse.transforms.clean;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.fail;

import io.funnelpulse.model.ClickEvent;
import io.funnelpulse.model.EventRecord;
import io.funnelpulse.model.EventType;
import io.funnelpulse.model.FailedRecord;
import io.funnelpulse.model.MetricNames;
import io.funnelpulse.model.MetricValues;
import io.funnelpulse.model.RawRecord;
import io.funnelpulse.model.RawRecordCoder;
import io.funnelpulse.transforms.parse.InputFormat;
import io.funnelpulse.transforms.parse.ParseEvents;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Parses and cleans the real 10,034-row REES46 sample and checks the pipeline against expectations
 * computed independently from the same file with plain Java.
 */
class SampleFileParseAndCleanTest {
  static final String SAMPLE = "rees46-multicategory-2019-Nov-sample.csv.gz";

  private static List<RawRecord> raws;
  private static Expected expected;

  /** What a plain reading of the file says the pipeline must produce. */
  static final class Expected {
    int dataRows;
    int nonPositivePrice;
    long clean;
    long cleanMissingBrand;
    long cleanMissingCategory;
    final Map<String, Long> rawTypes = new TreeMap<>();
    final Map<String, Long> cleanTypes = new TreeMap<>();
    final Map<String, Long> rejectedTypes = new TreeMap<>();
    final Set<Long> rejectedLines = new HashSet<>();
  }

  /** The project's fixture: {@code src/fixtures/} under {@code funnelpulse.projectRoot} (set by surefire). */
  static Path sampleFile() {
    String root = System.getProperty("funnelpulse.projectRoot");
    Path candidate = Paths.get(root == null ? "." : root).resolve("src/fixtures").resolve(SAMPLE);
    if (!Files.isRegularFile(candidate)) {
      return fail("fixture " + candidate + " not found (funnelpulse.projectRoot=" + root + ")");
    }
    return candidate;
  }

  private static List<String> readLines(Path gzipped) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(gzipped)), StandardCharsets.UTF_8))) {
      return in.lines().collect(Collectors.toList());
    }
  }

  private static String unquote(String field) {
    return field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
        ? field.substring(1, field.length() - 1) : field;
  }

  @BeforeAll
  static void readSample() throws IOException {
    Path file = sampleFile();
    List<String> lines = readLines(file);
    assertThat("header", lines.get(0),
        is("event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session"));
    raws = new ArrayList<>();
    expected = new Expected();
    for (int i = 1; i < lines.size(); i++) {
      long lineNumber = i + 1;
      String line = lines.get(i);
      raws.add(RawRecord.of(line, file.getFileName().toString(), lineNumber));
      // The sample has no quoted commas (checked here), so a plain split is an independent parse.
      String[] cols = line.split(",", -1);
      assertThat("columns on line " + lineNumber, cols.length, is(9));
      String type = unquote(cols[1]);
      String brand = unquote(cols[5]);
      String category = unquote(cols[4]);
      BigDecimal price = new BigDecimal(unquote(cols[6]));
      expected.dataRows++;
      expected.rawTypes.merge(type, 1L, Long::sum);
      if (price.signum() > 0) {
        expected.clean++;
        expected.cleanTypes.merge(type, 1L, Long::sum);
        expected.cleanMissingBrand += brand.isEmpty() ? 1 : 0;
        expected.cleanMissingCategory += category.isEmpty() ? 1 : 0;
      } else {
        expected.nonPositivePrice++;
        expected.rejectedTypes.merge(type, 1L, Long::sum);
        expected.rejectedLines.add(lineNumber);
      }
    }
  }

  @Test
  void independentReadingMatchesTheSampleReadme() {
    assertThat(expected.dataRows, is(10_034));
    assertThat(expected.nonPositivePrice, is(19));
    assertThat(expected.clean, is(10_015L));
    assertThat(expected.rawTypes, is(Map.of("view", 9_397L, "cart", 486L, "purchase", 151L)));
  }

  static final class TimestampMismatchFn extends DoFn<EventRecord, String> {
    @ProcessElement
    public void process(@Element EventRecord record, @Timestamp org.joda.time.Instant ts,
        OutputReceiver<String> out) {
      if (ts.getMillis() != record.eventTimeMillis()) {
        out.output(record.raw() + " stamped " + ts);
      }
    }
  }

  private static String typeColumn(FailedRecord failed) {
    return failed.raw().text().split(",", -1)[1];
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void sampleParsesFullyAndCleansEveryRowWithAPositivePrice() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<RawRecord> input = p.apply("ReadSample", Create.of(raws).withCoder(RawRecordCoder.of()));
    PCollectionTuple parsed = input.apply("ParseEvents", ParseEvents.withFormat(InputFormat.AUTO));
    PCollectionTuple cleaned = parsed.get(ParseEvents.PARSED).apply("CleanEvents", CleanEvents.create());
    PCollection<ClickEvent> clean = cleaned.get(CleanEvents.CLEAN);
    PCollection<FailedRecord> parseFailed = parsed.get(ParseEvents.FAILED);
    PCollection<FailedRecord> cleanFailed = cleaned.get(CleanEvents.FAILED);

    // Every row is well-formed with a valid time, and is stamped with its event time.
    PAssert.that(parseFailed).empty();
    PAssert.thatSingleton(parsed.get(ParseEvents.PARSED).apply("CountParsed", Count.globally()))
        .isEqualTo((long) expected.dataRows);
    PAssert.that(parsed.get(ParseEvents.PARSED).apply("CheckTimestamps", ParDo.of(new TimestampMismatchFn())))
        .empty();

    // Clean = rows with price > 0; the rest are non_positive_price with raw text, source and line.
    PAssert.thatSingleton(clean.apply("CountClean", Count.globally())).isEqualTo(expected.clean);
    long nonPositive = expected.nonPositivePrice;
    Set<Long> rejectedLines = new HashSet<>(expected.rejectedLines);
    // Model types are not Serializable: capture the raw text per line.
    Map<Long, String> rawTextByLine = new TreeMap<>();
    for (RawRecord raw : raws) {
      if (rejectedLines.contains(raw.position())) {
        rawTextByLine.put(raw.position(), raw.text());
      }
    }
    PAssert.that(cleanFailed).satisfies(failures -> {
      List<String> reasons = new ArrayList<>();
      Set<Long> lines = new HashSet<>();
      for (FailedRecord f : failures) {
        reasons.add(f.reason().code());
        lines.add(f.raw().position());
        assertThat(f.raw().text(), is(rawTextByLine.get(f.raw().position())));
        assertThat(f.raw().source(), is(SAMPLE));
      }
      assertThat((long) reasons.size(), is(nonPositive));
      assertThat(reasons, everyItem(is("non_positive_price")));
      assertThat(lines, is(rejectedLines));
      return null;
    });

    // Event types: clean per type as computed, and clean + rejected per type = the raw data.
    PAssert.that(clean
            .apply("CleanTypeCode", MapElements.into(TypeDescriptors.strings()).via(e -> e.eventType().code()))
            .apply("CountCleanTypes", Count.perElement()))
        .containsInAnyOrder(kvs(expected.cleanTypes));
    Map<String, Long> rawTypes = new TreeMap<>(expected.rawTypes);
    PCollection<String> allTypes = PCollectionList
        .of(clean.apply("CleanTypes", MapElements.into(TypeDescriptors.strings())
            .via(e -> e.eventType().code())))
        .and(cleanFailed.apply("RejectedTypes", MapElements.into(TypeDescriptors.strings())
            .via(SampleFileParseAndCleanTest::typeColumn)))
        .apply("AllTypes", Flatten.pCollections());
    PAssert.that(allTypes.apply("CountAllTypes", Count.perElement())).containsInAnyOrder(kvs(rawTypes));

    // Quoted empty strings come out as missing (null) brand / category.
    PAssert.thatSingleton(clean.apply("MissingBrand", Filter.by(ClickEvent::missingBrand))
            .apply("CountMissingBrand", Count.globally()))
        .isEqualTo(expected.cleanMissingBrand);
    PAssert.thatSingleton(clean.apply("MissingCategory", Filter.by(ClickEvent::missingCategory))
            .apply("CountMissingCategory", Count.globally()))
        .isEqualTo(expected.cleanMissingCategory);
    PAssert.that(clean.apply("EmptyTexts", Filter.by(e -> "".equals(e.brand())
            || "".equals(e.categoryCode()) || "\"\"".equals(e.brand()) || "\"\"".equals(e.categoryCode()))))
        .empty();
    PAssert.that(clean.apply("NonPositiveCents", Filter.by(e -> e.priceCents() <= 0))).empty();

    // read = valid + quarantined.
    PCollection<Long> total = PCollectionList
        .of(clean.apply("ValidCount", Count.globally()))
        .and(parseFailed.apply("ParseFailedCount", Count.globally()))
        .and(cleanFailed.apply("CleanFailedCount", Count.globally()))
        .apply("Counts", Flatten.pCollections())
        .apply("SumCounts", Sum.longsGlobally());
    PAssert.thatSingleton(total).isEqualTo((long) raws.size());

    PipelineResult result = p.run();
    result.waitUntilFinish();
    long validCounter = MetricValues.counterTotal(result, MetricNames.CLEAN, MetricNames.VALID);
    assertThat("the 'valid' counter agrees with the clean output", validCounter, is(expected.clean));
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void knownSampleRowsCleanToTheirExpectedEvents() {
    // Lines 2 and 5 of the file (see its head): a full row, and one with "" brand and category.
    List<RawRecord> firstRows = raws.subList(0, 4);
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PCollection<ClickEvent> clean = p
        .apply(Create.of(firstRows).withCoder(RawRecordCoder.of()))
        .apply(ParseEvents.withFormat(InputFormat.CSV))
        .get(ParseEvents.PARSED)
        .apply(CleanEvents.create())
        .get(CleanEvents.CLEAN);
    PAssert.that(clean.apply(Filter.by(e -> "1004259".equals(e.productId())
            || "17300768".equals(e.productId()))))
        .containsInAnyOrder(
            ClickEvent.builder(EventType.VIEW,
                    java.time.Instant.parse("2019-11-08T08:14:53Z").toEpochMilli())
                .productId("1004259").categoryId("2053013555631882655")
                .categoryCode("electronics.smartphone").brand("apple").priceCents(77674)
                .userId("568847318").userSession("3fca063b-dbd6-4306-8c8f-be86cc369d6d").build(),
            ClickEvent.builder(EventType.VIEW,
                    java.time.Instant.parse("2019-11-08T08:19:50Z").toEpochMilli())
                .productId("17300768").categoryId("2053013553853497655")
                .categoryCode(null).brand(null).priceCents(5661)
                .userId("563883687").userSession("e6a954a2-3cb6-47fc-89c5-77eb09016c8e").build());
    p.run().waitUntilFinish();
  }

  private static List<KV<String, Long>> kvs(Map<String, Long> counts) {
    List<KV<String, Long>> out = new ArrayList<>();
    counts.forEach((k, v) -> out.add(KV.of(k, v)));
    return out;
  }
}
