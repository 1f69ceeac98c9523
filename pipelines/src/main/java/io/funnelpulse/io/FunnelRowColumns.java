package io.funnelpulse.io;

import io.funnelpulse.model.FunnelCounts;
import io.funnelpulse.model.FunnelRow;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import org.apache.avro.generic.GenericData;

/** The columns of a {@link FunnelRow} in the funnel table of a dimension. */
public final class FunnelRowColumns implements RecordColumns<FunnelRow> {
  private static final long serialVersionUID = 1L;
  private final FunnelDimension dimension;

  private FunnelRowColumns(FunnelDimension dimension) {
    this.dimension = dimension;
  }

  /** The columns of the funnel table of {@code dimension}. */
  public static FunnelRowColumns of(FunnelDimension dimension) {
    return new FunnelRowColumns(dimension);
  }

  @Override
  public void put(FunnelRow row, GenericData.Record r) {
    FunnelCounts c = row.counts();
    WindowColumns.put(r, row.windowStartMillis(), row.windowEndMillis(), row.pane());
    if (dimension.column() != null) {
      r.put(dimension.column(), row.key());
    }
    r.put("views", c.views());
    r.put("carts", c.carts());
    r.put("removes", c.removes());
    r.put("purchases", c.purchases());
    r.put("revenue", RecordColumns.decimalOfCents(c.revenueCents()));
    r.put("view_to_cart_rate", c.viewToCartRate());
    r.put("cart_to_purchase_rate", c.cartToPurchaseRate());
    r.put("conversion_rate", c.conversionRate());
  }
}
