/**
 * The command line: {@code FunnelPulse} dispatches to {@code run} (the job, over files or as a
 * stream), {@code generate}, {@code replay} and {@code verify}. The top of the package graph: it
 * depends on the job and on every tool, and nothing depends on it.
 */
package io.funnelpulse.cli;
