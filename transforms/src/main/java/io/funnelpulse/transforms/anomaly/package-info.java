/**
 * Funnel anomaly alerts per brand, for bounded runs and streams alike (state per brand, no timers):
 * per window a model that fits each metric (negative binomial counts, rates on their counts, revenue
 * given its purchases) weighs it against the same hour on previous days, and a CUSUM per metric and
 * direction accumulates the evidence over consecutive windows into alerts that are opened, updated
 * and closed.
 */
package io.funnelpulse.transforms.anomaly;
