/**
 * The FunnelPulse job: its options, the pipeline graph, its sources and outputs wired together, runs
 * over files ({@link io.funnelpulse.pipelines.BatchJob}) and as streams
 * ({@link io.funnelpulse.pipelines.StreamingJob}), the checks before a run, the run summary, and the
 * settings a stream needs on the Spark runner. The command line that starts it is {@code cli}.
 */
package io.funnelpulse.pipelines;
