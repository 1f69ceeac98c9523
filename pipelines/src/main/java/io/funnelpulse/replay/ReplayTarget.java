package io.funnelpulse.replay;

import io.funnelpulse.io.kafka.EventLineProducer;
import io.funnelpulse.io.kafka.KafkaAddress;
import io.funnelpulse.io.watch.WatchedDirectorySource;
import io.funnelpulse.transforms.parse.CsvFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Where a replay lands its batches of lines: a landing directory or a Kafka topic. */
interface ReplayTarget extends AutoCloseable {
  /** The target {@code --to} names. */
  static ReplayTarget of(ReplayOptions options) throws IOException {
    return KafkaAddress.isKafka(options.to())
        ? new KafkaTopic(KafkaAddress.parse(options.to()), options)
        : new LandingDirectory(Paths.get(options.to()), options.endMarker());
  }

  /** Lands batch number {@code index}. */
  void land(int index, List<String> lines) throws IOException;

  /** After the last batch: everything is in place. */
  void finish() throws IOException;

  @Override
  void close() throws IOException;

  /** Whether the end marker was landed by {@link #finish()}. */
  boolean endMarked();

  /** The target, for the report. */
  String describe();

  /**
   * A directory: each batch a small CSV file, written hidden and renamed into place; then, if asked,
   * the end marker.
   */
  final class LandingDirectory implements ReplayTarget {
    private final Path landing;
    private final boolean endMarker;

    LandingDirectory(Path landing, boolean endMarker) throws IOException {
      this.landing = Files.createDirectories(landing);
      this.endMarker = endMarker;
    }

    @Override
    public void land(int index, List<String> lines) throws IOException {
      String name = String.format("replay-%06d.csv", index);
      Path staged = landing.resolve("." + name + ".tmp");
      List<String> content = new ArrayList<>(lines.size() + 1);
      content.add(CsvFields.REES46_HEADER);
      content.addAll(lines);
      Files.write(staged, content, StandardCharsets.UTF_8);
      Files.move(staged, landing.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void finish() throws IOException {
      if (endMarker) {
        Path staged = landing.resolve("." + WatchedDirectorySource.END_MARKER + ".tmp");
        Files.write(staged, new byte[0]);
        Files.move(staged, landing.resolve(WatchedDirectorySource.END_MARKER), StandardCopyOption.ATOMIC_MOVE);
      }
    }

    @Override
    public void close() {}

    @Override
    public boolean endMarked() {
      return endMarker;
    }

    @Override
    public String describe() {
      return landing.toAbsolutePath().toString();
    }
  }

  /** A Kafka topic: each line a record keyed by its session, each batch flushed as it lands. */
  final class KafkaTopic implements ReplayTarget {
    private final KafkaAddress address;
    private final EventLineProducer producer;

    KafkaTopic(KafkaAddress address, ReplayOptions options) {
      this.address = address;
      this.producer = EventLineProducer.to(address, options.valueFormat());
    }

    @Override
    public void land(int index, List<String> lines) throws IOException {
      lines.forEach(producer::send);
      producer.flush();
    }

    @Override
    public void finish() throws IOException {
      producer.flush();
    }

    @Override
    public void close() throws IOException {
      producer.close();
    }

    @Override
    public boolean endMarked() {
      return false;
    }

    @Override
    public String describe() {
      return address.toString();
    }
  }
}
