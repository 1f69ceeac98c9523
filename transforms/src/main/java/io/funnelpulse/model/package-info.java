/**
 * The FunnelPulse data model: raw records, parsed and cleaned click events, funnel counts and rows,
 * and the failures that go to the dead letters, each with an explicit deterministic coder.
 */
package io.funnelpulse.model;
