/**
 * Parsing raw REES46 records (CSV lines or JSON lines) into {@link io.funnelpulse.model.EventRecord}s,
 * with malformed records split off to the dead letters.
 */
package io.funnelpulse.transforms.parse;
