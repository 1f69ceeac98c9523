package io.funnelpulse.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * DataSketches HLL sketches in one byte form per set of inputs, whatever the order of updates and
 * unions that built them, so two runners that bundle events differently write identical sketches.
 *
 * <p>An HLL sketch's compact image depends on order in two places: in list and set mode (small
 * cardinalities) the coupons are stored in insertion order, and in HLL mode an in-order sketch
 * carries the order-dependent HIP estimator. The canonical form sorts the coupons, and passes an HLL
 * mode sketch through a union (registers are merged by maximum, so the result depends only on the
 * registers and is marked out of order). The estimate of a canonical sketch is then a function of the
 * input set: exact counting of coupons for small sets, the composite estimator above, whose relative
 * standard error is about {@code 1.04 / sqrt(2^lgK)} (1.6% at lgK 12).
 *
 * <p>Images are standard DataSketches HLL_8 compact images (serialization version 1), the format
 * Spark 3.5's {@code hll_union_agg} and {@code hll_sketch_estimate} read.
 */
public final class CanonicalHll {
  /** The HLL register type used throughout (and by Spark 3.5). */
  public static final TgtHllType TYPE = TgtHllType.HLL_8;

  private static final int MODE_MASK = 3;
  private static final int HLL_MODE = 2;
  private static final int MODE_BYTE = 7;

  private CanonicalHll() {}

  /** The canonical compact image of {@code sketch}. */
  public static byte[] bytes(HllSketch sketch) {
    byte[] image = sketch.toCompactByteArray();
    if ((image[MODE_BYTE] & MODE_MASK) == HLL_MODE) {
      Union union = new Union(sketch.getLgConfigK());
      union.update(sketch);
      union.update(sketch);
      return union.getResult(TYPE).toCompactByteArray();
    }
    return withSortedCoupons(image);
  }

  /** The estimate of the canonical form of {@code sketch}. */
  public static double estimate(HllSketch sketch) {
    return HllSketch.heapify(Memory.wrap(bytes(sketch))).getEstimate();
  }

  /** The union of two sketches of the same lgK, as a new sketch. */
  public static HllSketch union(HllSketch left, HllSketch right) {
    Union union = new Union(left.getLgConfigK());
    union.update(left);
    union.update(right);
    return union.getResult(TYPE);
  }

  /** Relative standard error of a canonical (union) estimate at {@code lgK}. */
  public static double relativeStandardError(int lgK) {
    return 1.04 / Math.sqrt(1 << lgK);
  }

  private static byte[] withSortedCoupons(byte[] image) {
    int preambleBytes = (image[0] & 0xff) * Integer.BYTES;
    ByteBuffer buffer = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    int[] coupons = new int[(image.length - preambleBytes) / Integer.BYTES];
    for (int i = 0; i < coupons.length; i++) {
      coupons[i] = buffer.getInt(preambleBytes + i * Integer.BYTES);
    }
    Arrays.sort(coupons);
    for (int i = 0; i < coupons.length; i++) {
      buffer.putInt(preambleBytes + i * Integer.BYTES, coupons[i]);
    }
    return image;
  }
}
