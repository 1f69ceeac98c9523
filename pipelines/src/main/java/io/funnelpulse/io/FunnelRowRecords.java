package io.funnelpulse.io;

import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.SerializableFunction;

/** Converts {@link FunnelRow}s to the Avro records of the funnel table of a dimension. */
public final class FunnelRowRecords {

  private FunnelRowRecords() {}

  /** The Avro record of {@code row} in {@code schema} (the table of {@code dimension}). */
  public static GenericRecord toRecord(FunnelRow row, FunnelDimension dimension, Schema schema) {
    FunnelCounts c = row.counts();
    GenericData.Record r = new GenericData.Record(schema);
    WindowColumns.put(r, row.windowStartMillis(), row.windowEndMillis(), row.pane());
    if (dimension.column() != null) {
      r.put(dimension.column(), row.key());
    }
    r.put("views", c.views());
    r.put("carts", c.carts());
    r.put("removes", c.removes());
    r.put("purchases", c.purchases());
    r.put("revenue", ByteBuffer.wrap(BigInteger.valueOf(c.revenueCents()).toByteArray()));
    r.put("view_to_cart_rate", c.viewToCartRate());
    r.put("cart_to_purchase_rate", c.cartToPurchaseRate());
    r.put("conversion_rate", c.conversionRate());
    return r;
  }

  /** The partition directory of a funnel row, e.g. {@code window_date=2019-10-01}. */
  public static String partitionOf(FunnelRow row) {
    return WindowColumns.partitionOf(row.windowStartMillis());
  }

  /** A serializable conversion of rows to records of a table's schema, for the Parquet writer. */
  public static SerializableFunction<FunnelRow, GenericRecord> converter(
      FunnelDimension dimension, String schemaJson) {
    return new Converter(dimension, schemaJson);
  }

  /** Parses the schema once per deserialized instance. */
  private static final class Converter implements SerializableFunction<FunnelRow, GenericRecord> {
    private static final long serialVersionUID = 1L;
    private final FunnelDimension dimension;
    private final String schemaJson;
    private transient Schema schema;

    Converter(FunnelDimension dimension, String schemaJson) {
      this.dimension = dimension;
      this.schemaJson = schemaJson;
    }

    @Override
    public GenericRecord apply(FunnelRow row) {
      if (schema == null) {
        schema = new Schema.Parser().parse(schemaJson);
      }
      return toRecord(row, dimension, schema);
    }
  }
}
