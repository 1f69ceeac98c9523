package io.funnelpulse.io;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.transforms.SerializableFunction;

/**
 * A file sink of {@code T} that converts each element to an Avro record just before handing it to an
 * Avro-record sink (Parquet). Elements travel through the shuffle in their own compact coder, and the
 * conversion happens once, in the writer.
 */
final class AvroConvertingSink<T> implements FileIO.Sink<T> {
  private final FileIO.Sink<GenericRecord> delegate;
  private final SerializableFunction<T, GenericRecord> toRecord;

  AvroConvertingSink(FileIO.Sink<GenericRecord> delegate, SerializableFunction<T, GenericRecord> toRecord) {
    this.delegate = delegate;
    this.toRecord = toRecord;
  }

  @Override
  public void open(WritableByteChannel channel) throws IOException {
    delegate.open(channel);
  }

  @Override
  public void write(T element) throws IOException {
    delegate.write(toRecord.apply(element));
  }

  @Override
  public void flush() throws IOException {
    delegate.flush();
  }
}
