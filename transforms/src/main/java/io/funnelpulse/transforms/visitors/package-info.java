/**
 * Unique visitors and sessions per window (and window × brand) as mergeable DataSketches HLL sketches,
 * with exact sets for validation runs, and the rollup of window sketches into coarser windows.
 */
package io.funnelpulse.transforms.visitors;
