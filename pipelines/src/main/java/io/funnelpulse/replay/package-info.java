/**
 * {@code replay}: drop event files into a landing directory as small, time-ordered files at a pace,
 * with optional late events, for the streaming source to pick up.
 */
package io.funnelpulse.replay;
