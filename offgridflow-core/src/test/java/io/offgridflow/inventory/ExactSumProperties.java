package io.offgridflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ExactSumProperties {

  @Provide
  Arbitrary<List<Double>> values() {
    // Mixed magnitudes make naive summation order-dependent.
    Arbitrary<Double> small = Arbitraries.doubles().between(-1e3, 1e3).ofScale(6);
    Arbitrary<Double> large = Arbitraries.doubles().between(-1e15, 1e15);
    Arbitrary<Double> tiny = Arbitraries.doubles().between(-1e-6, 1e-6).ofScale(12);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, small), net.jqwik.api.Tuple.of(2, large), net.jqwik.api.Tuple.of(2, tiny))
        .list()
        .ofMaxSize(200);
  }

  @Property(tries = 500)
  void totalDoesNotDependOnOrder(@ForAll("values") List<Double> xs, @ForAll long seed) {
    List<Double> shuffled = new ArrayList<>(xs);
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(Double.doubleToLongBits(sum(shuffled))).isEqualTo(Double.doubleToLongBits(sum(xs)));
  }

  @Property(tries = 500)
  void splittingAndMergingGivesTheSameBits(
      @ForAll("values") List<Double> xs, @ForAll @IntRange(min = 0, max = 200) int cut) {
    int at = Math.min(cut, xs.size());
    ExactSum left = new ExactSum();
    ExactSum right = new ExactSum();
    xs.subList(0, at).forEach(left::add);
    xs.subList(at, xs.size()).forEach(right::add);
    right.addAll(left);
    assertThat(Double.doubleToLongBits(right.value())).isEqualTo(Double.doubleToLongBits(sum(xs)));
  }

  @Property(tries = 500)
  void resultIsWithinHalfAnUlpOfTheExactDecimalSum(@ForAll("values") List<Double> xs) {
    BigDecimal exact = BigDecimal.ZERO;
    for (double x : xs) {
      exact = exact.add(new BigDecimal(x));
    }
    double got = sum(xs);
    BigDecimal error = new BigDecimal(got).subtract(exact).abs();
    assertThat(error).isLessThanOrEqualTo(new BigDecimal(Math.ulp(got)).divide(BigDecimal.valueOf(2)));
  }

  @Example
  void keepsWhatNaiveSummationLoses() {
    ExactSum s = new ExactSum();
    s.add(1e16);
    s.add(1.0);
    s.add(-1e16);
    assertThat(s.value()).isEqualTo(1.0);
    assertThat(1e16 + 1.0 - 1e16).isEqualTo(0.0);
  }

  @Example
  void rejectsNonFiniteValues() {
    ExactSum s = new ExactSum();
    assertThatThrownBy(() -> s.add(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }

  private static double sum(List<Double> xs) {
    ExactSum s = new ExactSum();
    xs.forEach(s::add);
    return s.value();
  }
}
