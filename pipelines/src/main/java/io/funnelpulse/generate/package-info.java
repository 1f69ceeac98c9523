/**
 * A seeded, realistic generator of REES46-format e-commerce event CSV files.
 *
 * <p>{@link io.funnelpulse.generate.EventGenerator} simulates shopping sessions over a product
 * catalog (Zipf-popular products and brands, log-normal prices, a daily traffic cycle that peaks in
 * the evening) and writes them as {@code events-NNNNN.csv[.gz]} files with the REES46 header. The
 * output carries the quirks of the real data set: missing brands and category codes (sometimes
 * written as {@code ""}), zero and negative prices, rows without a session, and exact duplicates
 * of the previous row. Optional knobs displace events out of time order and add malformed lines.
 *
 * <p>Output depends only on {@link io.funnelpulse.generate.GeneratorOptions}: the same options and
 * seed give byte-identical files. {@link io.funnelpulse.generate.GenerateCommand} is the command-line
 * entry point.
 */
package io.funnelpulse.generate;
