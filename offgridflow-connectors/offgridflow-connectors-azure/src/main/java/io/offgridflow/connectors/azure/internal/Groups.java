package io.offgridflow.connectors.azure.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums per group key. Memory grows with the number of distinct groups, never with rows.
 *
 * @param <A> the accumulator
 */
final class Groups<A> {
  private final Map<List<String>, A> sums = new HashMap<>();
  private final java.util.function.Supplier<A> fresh;

  Groups(java.util.function.Supplier<A> fresh) {
    this.fresh = fresh;
  }

  A at(String[] key) {
    List<String> k = Arrays.asList(key);
    A a = sums.get(k);
    if (a == null) {
      a = fresh.get();
      sums.put(List.of(key), a);
    }
    return a;
  }

  Map<List<String>, A> all() {
    return sums;
  }

  /** Keys in lexicographic order, for stable output. */
  static List<List<String>> sorted(Iterable<List<String>> keys) {
    List<List<String>> out = new ArrayList<>();
    keys.forEach(out::add);
    out.sort((x, y) -> {
      for (int i = 0; i < x.size(); i++) {
        int c = x.get(i).compareTo(y.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    return out;
  }
}
