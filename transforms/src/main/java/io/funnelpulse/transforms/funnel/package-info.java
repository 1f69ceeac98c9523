/**
 * The windowed funnel: event-time windowing with early and late firings, the funnel combine and the
 * output rows carrying window and pane facts.
 */
package io.funnelpulse.transforms.funnel;
