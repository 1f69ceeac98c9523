package io.funnelpulse.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Makes up plausible lower-case brand names ("runelle", "kosmari", ...) by joining syllables drawn
 * from a seeded random source; names are unique and their order depends only on the seed.
 */
final class BrandNames {

  private static final String[] ONSETS = {
    "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z",
    "br", "cr", "gr", "pr", "st", "tr", "ch", "sh", "fl", "gl", ""
  };
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "a", "e", "i", "o", "ia", "ea", "ou"};
  private static final String[] CODAS = {"", "", "", "n", "l", "r", "s", "x", "ll", "ne", "sa", "ly", "ra", "ix"};

  private BrandNames() {}

  /** {@code count} distinct names, 3 to 12 letters long. */
  static List<String> generate(int count, SplittableRandom random) {
    TreeSet<String> seen = new TreeSet<>();
    List<String> names = new ArrayList<>(count);
    while (names.size() < count) {
      String name = oneName(random);
      if (name.length() >= 3 && name.length() <= 12 && seen.add(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private static String oneName(SplittableRandom random) {
    int syllables = 2 + (random.nextInt(4) == 0 ? 1 : 0);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < syllables; i++) {
      b.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
    }
    b.append(CODAS[random.nextInt(CODAS.length)]);
    return b.toString();
  }
}
