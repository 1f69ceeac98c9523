package io.funnelpulse.transforms.visitors;

import io.funnelpulse.model.VisitorSketches;
import io.funnelpulse.model.VisitorSketchesCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Unions {@link VisitorSketches}. The accumulator starts empty and takes the lgK of its first input,
 * so sketches of any one lgK combine; mixing lgKs is an error.
 */
public final class VisitorSketchesCombineFn
    extends Combine.CombineFn<VisitorSketches, VisitorSketchesCombineFn.Accumulator, VisitorSketches> {

  /** A running union; empty until its first input. */
  public static final class Accumulator {
    private VisitorSketches union;

    void add(VisitorSketches sketches) {
      union = union == null ? sketches.copy() : union.merge(sketches);
    }
  }

  @Override
  public Accumulator createAccumulator() {
    return new Accumulator();
  }

  @Override
  public Accumulator addInput(Accumulator accumulator, VisitorSketches input) {
    accumulator.add(input);
    return accumulator;
  }

  @Override
  public Accumulator mergeAccumulators(Iterable<Accumulator> accumulators) {
    Accumulator merged = new Accumulator();
    for (Accumulator accumulator : accumulators) {
      if (accumulator.union != null) {
        merged.add(accumulator.union);
      }
    }
    return merged;
  }

  @Override
  public VisitorSketches extractOutput(Accumulator accumulator) {
    if (accumulator.union == null) {
      throw new IllegalStateException("No sketches to union: a window fires only with inputs");
    }
    return accumulator.union.copy();
  }

  @Override
  public Coder<Accumulator> getAccumulatorCoder(CoderRegistry registry, Coder<VisitorSketches> inputCoder) {
    return new AccumulatorCoder();
  }

  @Override
  public Coder<VisitorSketches> getDefaultOutputCoder(
      CoderRegistry registry, Coder<VisitorSketches> inputCoder) {
    return VisitorSketchesCoder.of();
  }

  /** Encodes an accumulator as an optional {@link VisitorSketches}. */
  static final class AccumulatorCoder extends AtomicCoder<Accumulator> {
    private static final Coder<VisitorSketches> SKETCHES =
        NullableCoder.of(VisitorSketchesCoder.of());

    @Override
    public void encode(Accumulator value, OutputStream out) throws IOException {
      SKETCHES.encode(value.union, out);
    }

    @Override
    public Accumulator decode(InputStream in) throws IOException {
      Accumulator accumulator = new Accumulator();
      accumulator.union = SKETCHES.decode(in);
      return accumulator;
    }
  }
}
