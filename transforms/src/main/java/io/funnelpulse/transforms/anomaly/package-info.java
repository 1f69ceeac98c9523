/**
 * Funnel anomaly detection per brand against a same-hour-of-day robust baseline, for bounded runs and
 * streams alike (state per brand, no timers).
 */
package io.funnelpulse.transforms.anomaly;
