package io.offgridflow.inventory;

import java.util.Arrays;

/**
 * A sum of doubles that is exact until the final rounding: it keeps the running total as a list
 * of non-overlapping partials (Shewchuk's algorithm, as in Python's {@code math.fsum}) and {@link
 * #value()} rounds the exact total once, to nearest-even. So the result does not depend on the
 * order of the additions or on how the input was split between accumulators — an inventory that
 * is totalled twice, in any order, gives the same bits.
 *
 * <pre>{@code
 * ExactSum s = new ExactSum();
 * s.add(1e16); s.add(1.0); s.add(-1e16);
 * s.value();   // 1.0 (a naive double sum gives 0.0)
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class ExactSum {
  private double[] partials = new double[4];
  private int size;

  /**
   * Adds a finite value.
   *
   * @throws IllegalArgumentException for NaN or infinity, which would poison the total
   */
  public void add(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("cannot add non-finite value " + x + " to an exact sum");
    }
    if (x == 0.0) {
      return; // adds nothing; most results have no biogenic CO2 and no market-based difference
    }
    int kept = 0;
    for (int j = 0; j < size; j++) {
      double y = partials[j];
      if (Math.abs(x) < Math.abs(y)) {
        double t = x;
        x = y;
        y = t;
      }
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) {
        partials[kept++] = lo;
      }
      x = hi;
    }
    if (kept == partials.length) {
      partials = Arrays.copyOf(partials, kept * 2);
    }
    partials[kept++] = x;
    size = kept;
  }

  /** Adds everything another sum holds; the other sum is unchanged. */
  public void addAll(ExactSum other) {
    for (int i = 0; i < other.size; i++) {
      add(other.partials[i]);
    }
  }

  /** The exact total, rounded once to the nearest double (ties to even). */
  public double value() {
    if (size == 0) {
      return 0.0;
    }
    int j = size - 1;
    double hi = partials[j];
    double lo = 0.0;
    while (j > 0) {
      double x = hi;
      double y = partials[--j];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) {
        break;
      }
    }
    // Round-half-even correction: if the rest of the partials push the same way as lo, the
    // tie was broken the wrong way by the last addition.
    if (j > 0 && ((lo < 0 && partials[j - 1] < 0) || (lo > 0 && partials[j - 1] > 0))) {
      double y = lo * 2;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr) {
        hi = x;
      }
    }
    return hi;
  }

  /** A copy that can keep growing independently. */
  public ExactSum copy() {
    ExactSum c = new ExactSum();
    c.partials = Arrays.copyOf(partials, Math.max(4, size));
    c.size = size;
    return c;
  }

  @Override
  public String toString() {
    return Double.toString(value());
  }
}
