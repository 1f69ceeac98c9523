/**
 * One-pass pre-aggregation of raw records and the merging of its partial aggregates per window and
 * key: parse and clean each record once, fold it into small per-bundle partials (funnel sums, visitor
 * sketches, page views), then group and merge the partials in event-time windows. State and shuffles
 * grow with distinct keys per window, not with events.
 */
package io.funnelpulse.transforms.aggregate;
