package io.funnelpulse.pipelines;

/** All options of the FunnelPulse job, composed from one interface per concern. */
public interface FunnelPulseOptions
    extends InputOptions, KafkaOptions, WindowingOptions, OutputOptions, ClickstreamOptions, AnomalyOptions,
        SessionOptions {}
