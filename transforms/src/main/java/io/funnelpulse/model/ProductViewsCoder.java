package io.funnelpulse.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;

/** Deterministic coder for {@link ProductViews}: entry count, then entries in product id order. */
public final class ProductViewsCoder extends AtomicCoder<ProductViews> {
  private static final ProductViewsCoder INSTANCE = new ProductViewsCoder();

  private ProductViewsCoder() {}

  public static ProductViewsCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ProductViews value, OutputStream out) throws IOException {
    Map<String, Long> views = value.asMap();
    VarIntCoder.of().encode(views.size(), out);
    for (Map.Entry<String, Long> entry : views.entrySet()) {
      StringUtf8Coder.of().encode(entry.getKey(), out);
      VarLongCoder.of().encode(entry.getValue(), out);
    }
  }

  @Override
  public ProductViews decode(InputStream in) throws IOException {
    int size = VarIntCoder.of().decode(in);
    ProductViews views = ProductViews.empty();
    for (int i = 0; i < size; i++) {
      views.add(StringUtf8Coder.of().decode(in), VarLongCoder.of().decode(in));
    }
    return views;
  }

  @Override
  public void verifyDeterministic() {}
}
