package io.funnelpulse.pipelines;

import io.funnelpulse.io.WindowRowColumns;
import io.funnelpulse.io.WriteWindowRowTable;
import io.funnelpulse.model.TableNames;
import io.funnelpulse.model.VisitorSketches;
import io.funnelpulse.model.WindowRow;
import io.funnelpulse.transforms.aggregate.PerWindowMap;
import io.funnelpulse.transforms.aggregate.PreAggregate;
import io.funnelpulse.transforms.funnel.FunnelDimension;
import io.funnelpulse.transforms.pageviews.CountPageViews;
import io.funnelpulse.transforms.pageviews.PageViewPartials;
import io.funnelpulse.transforms.visitors.CountVisitors;
import io.funnelpulse.transforms.visitors.RollupVisitors;
import io.funnelpulse.transforms.visitors.VisitorPartials;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The side branches beside the funnel: visitors per window and per window × brand (HLL sketches),
 * page views per window × product and the Top-N products per window, each pre-aggregated in the same
 * pass as the funnel and written as its own table; with {@code --rollup=day} also the daily visitor
 * tables unioned from the window sketches.
 */
final class ClickstreamBranches {
  private final FunnelPulseOptions options;
  private final PerWindowMap<String, VisitorSketches> visitors;
  private final PerWindowMap<String, VisitorSketches> visitorsByBrand;
  private final PerWindowMap<String, Long> pageViews;

  ClickstreamBranches(FunnelPulseOptions options) {
    this.options = options;
    this.visitors = PerWindowMap.of(
        VisitorPartials.by(FunnelDimension.NONE, options.getHllLgK(), options.getExactVisitors()));
    this.visitorsByBrand = PerWindowMap.of(
        VisitorPartials.by(FunnelDimension.BRAND, options.getHllLgK(), options.getExactVisitors()));
    this.pageViews = PerWindowMap.of(PageViewPartials.perProduct());
  }

  /** {@code preAggregate} also computing this branch's partials. */
  PreAggregate addTo(PreAggregate preAggregate) {
    return preAggregate.with(visitors).with(visitorsByBrand).with(pageViews);
  }

  /** Windows, merges and writes the partials found in {@code partials}. */
  void expand(PCollectionTuple partials) {
    RollupPeriod rollup = RollupPeriod.parse(options.getRollup());
    writeVisitors(
        partials.get(visitors.tag()).apply("CountVisitors", CountVisitors.windowedBy(FunnelPipeline.windowing(options))),
        rollup, false);
    writeVisitors(
        partials
            .get(visitorsByBrand.tag())
            .apply("CountVisitorsByBrand", CountVisitors.windowedBy(FunnelPipeline.windowing(options))),
        rollup, true);
    PCollectionTuple views =
        partials
            .get(pageViews.tag())
            .apply(
                "CountPageViews",
                CountPageViews.withTop(options.getTopN()).windowedBy(FunnelPipeline.windowing(options)));
    views
        .get(CountPageViews.PAGE_VIEWS)
        .apply("WritePageViews", write(TableNames.PAGE_VIEWS, TableNames.PAGE_VIEWS, WindowRowColumns.pageViews()));
    views
        .get(CountPageViews.TOP_PRODUCTS)
        .apply(
            "WriteTopProducts",
            write(TableNames.TOP_PRODUCTS, TableNames.TOP_PRODUCTS, WindowRowColumns.topProducts()));
  }

  private void writeVisitors(
      PCollection<WindowRow<String, VisitorSketches>> rows, RollupPeriod rollup, boolean perBrand) {
    String suffix = perBrand ? "ByBrand" : "";
    String schema = perBrand ? OutputTables.VISITORS_BY_BRAND_SCHEMA : OutputTables.VISITORS_SCHEMA;
    rows.apply(
        "WriteVisitors" + suffix,
        write(perBrand ? TableNames.VISITORS_BY_BRAND : TableNames.VISITORS, schema,
            WindowRowColumns.visitors(perBrand)));
    if (rollup == RollupPeriod.NONE) {
      return;
    }
    rows.apply(
            "RollupVisitors" + suffix,
            RollupVisitors.into(FunnelPipeline.windowing(options, rollup.size())))
        .apply(
            "WriteDailyVisitors" + suffix,
            write(perBrand ? TableNames.VISITORS_DAILY_BY_BRAND : TableNames.VISITORS_DAILY, schema,
                WindowRowColumns.visitors(perBrand)));
  }

  private <K, V> WriteWindowRowTable<K, V> write(String table, String schema, WindowRowColumns<K, V> columns) {
    return WriteWindowRowTable.to(options.getOutput(), table, schema, columns)
        .withRowGroupMegabytes(options.getParquetRowGroupMegabytes());
  }
}
