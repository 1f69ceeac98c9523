package io.funnelpulse.pipelines;

import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * SIGTERM and Ctrl-C (SIGINT) as a request to stop a stream cleanly, instead of ending the JVM at once:
 * the streaming job sees the request, stops the pipeline, writes its run summary and exits 0. A second
 * signal while stopping ends the JVM as usual.
 */
final class StopSignals {
  private static final String[] SIGNALS = {"TERM", "INT"};

  private final AtomicReference<String> received = new AtomicReference<>();

  private StopSignals() {}

  /** Takes over SIGTERM and SIGINT for this JVM; a signal that cannot be handled here keeps its default. */
  static StopSignals install() {
    StopSignals signals = new StopSignals();
    for (String name : SIGNALS) {
      try {
        Signal.handle(new Signal(name), signal -> signals.receive(signal));
      } catch (IllegalArgumentException e) {
        // Not available on this platform or reserved by the JVM: the default stays.
      }
    }
    return signals;
  }

  /** Leaves SIGTERM and SIGINT as they are (they end the JVM): for a runner whose jobs stop with it. */
  static StopSignals none() {
    return new StopSignals();
  }

  private void receive(Signal signal) {
    if (!received.compareAndSet(null, "SIG" + signal.getName())) {
      Runtime.getRuntime().halt(128 + signal.getNumber());
    }
  }

  /** The signal received (SIGTERM or SIGINT), or {@code null} if none. */
  String received() {
    return received.get();
  }
}
