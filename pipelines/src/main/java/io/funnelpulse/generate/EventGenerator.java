package io.funnelpulse.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Generates realistic REES46-format event rows from {@link GeneratorOptions}, deterministically.
 *
 * <pre>{@code
 * GenerationReport report = EventGenerator.of(GeneratorOptions.defaults().withFiles(4).withGzip(true))
 *     .writeTo(Paths.get("funnelpulse-output/generated"));
 *
 * List<String> rows = new ArrayList<>();
 * EventGenerator.of(GeneratorOptions.defaults().withEvents(1_000)).forEachLine(rows::add);
 * }</pre>
 *
 * <p>Independent random streams (all split from the seed) drive the catalog, the traffic, the
 * out-of-order displacement and the malformed lines, so turning on disorder or malformed lines
 * changes the order or adds lines but leaves the set of valid rows as it was.
 */
public final class EventGenerator {

  private final GeneratorOptions options;

  private EventGenerator(GeneratorOptions options) {
    this.options = options;
  }

  public static EventGenerator of(GeneratorOptions options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    return new EventGenerator(options);
  }

  /**
   * Writes {@code events-00000.csv[.gz]}... into {@code outputDir}, creating it; files from an
   * earlier run with that exact name pattern are deleted first so no stale file is left behind.
   */
  public GenerationReport writeTo(Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    deleteEarlierOutput(outputDir);
    SplitFileSink files =
        new SplitFileSink(outputDir, options.files(), options.events(), options.gzip());
    Tally tally;
    try (files) {
      tally = generate(files);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return tally.report(files.files());
  }

  /**
   * Streams the data lines (valid rows and any malformed lines, no header) in the order
   * {@link #writeTo} would write them across all files.
   */
  public void forEachLine(Consumer<String> sink) {
    generate(new ConsumerSink(sink));
  }

  private Tally generate(LineSink terminal) {
    SplittableRandom root = new SplittableRandom(options.seed());
    SplittableRandom catalogRandom = root.split();
    SplittableRandom traffic = root.split();
    SplittableRandom disorder = root.split();
    SplittableRandom malformed = root.split();
    SplittableRandom injection = root.split();
    Tally tally = new Tally(terminal);
    LineSink head = options.malformedLines() == 0 ? tally
        : new MalformedInjector(options.events(), options.malformedLines(), malformed, tally);
    SessionWalker walker = new SessionWalker(
        Catalog.build(catalogRandom), UserPool.forEvents(options.events(), catalogRandom));
    new TrafficSimulator(options, walker, traffic, disorder, injection).run(head);
    return tally;
  }

  private static void deleteEarlierOutput(Path dir) throws IOException {
    try (DirectoryStream<Path> earlier = Files.newDirectoryStream(dir,
        p -> p.getFileName().toString().matches("events-\\d{5}\\.csv(\\.gz)?"))) {
      for (Path p : earlier) {
        Files.delete(p);
      }
    }
  }

  /** Hands every line, valid or malformed, to a consumer. */
  private static final class ConsumerSink implements LineSink {
    private final Consumer<String> consumer;

    ConsumerSink(Consumer<String> consumer) {
      this.consumer = consumer;
    }

    @Override
    public void valid(String line, long eventSecond) {
      consumer.accept(line);
    }

    @Override
    public void malformed(String line, String kind) {
      consumer.accept(line);
    }
  }
}
