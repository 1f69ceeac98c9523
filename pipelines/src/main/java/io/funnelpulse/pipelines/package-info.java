/**
 * The runnable FunnelPulse job: options, the pipeline graph, the entry point with its subcommands and
 * the run summary.
 */
package io.funnelpulse.pipelines;
