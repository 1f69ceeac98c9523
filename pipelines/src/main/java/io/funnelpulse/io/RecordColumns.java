package io.funnelpulse.io;

import java.io.Serializable;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.apache.avro.generic.GenericData;

/**
 * How one kind of element fills the Avro record of its table: {@link ParquetTableWrite} parses the
 * table's schema once per writer, makes the record and hands it here.
 *
 * @param <T> the element written
 */
@FunctionalInterface
public interface RecordColumns<T> extends Serializable {
  /** Puts the columns of {@code element} into {@code record}. */
  void put(T element, GenericData.Record record);

  /** A {@code decimal(18,2)} column's bytes for an amount in cents (the unscaled value). */
  static ByteBuffer decimalOfCents(long cents) {
    return ByteBuffer.wrap(BigInteger.valueOf(cents).toByteArray());
  }
}
