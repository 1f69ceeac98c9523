/**
 * A watched landing directory as an unbounded Beam source: new event files are read once each, in
 * arrival order, with a checkpoint of what was read and a watermark taken from the data.
 */
package io.funnelpulse.io.watch;
