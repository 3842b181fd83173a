package io.offgridflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void parsesPlainDecimalsExactlyLikeTheJdk() {
    for (String s : new String[] {"0", "2500", "12.75", "0.05", "-3.5", "1e6", "2.5E-3", "007", "1.", ".5",
        "123456789012345", "1234567890123456789", "0.1234567890123456789"}) {
      assertThat(Numbers.parseDouble(s)).as(s).isEqualTo(Double.parseDouble(s));
    }
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 100_000; i++) {
      String s = (r.nextLong(1_000_000_000_000L) / 100.0) + "";
      assertThat(Numbers.parseDouble(s)).as(s).isEqualTo(Double.parseDouble(s));
      String cents = r.nextLong(10_000_000) + "." + String.format("%02d", r.nextInt(100));
      assertThat(Numbers.parseDouble(cents)).as(cents).isEqualTo(Double.parseDouble(cents));
    }
  }

  @Test
  void refusesWhatIsNotAPlainNumber() {
    for (String s : new String[] {"", "abc", "12abc", "1,5", "NaN", "Infinity", "1d", "0x1p3", "-", ".", "1e999"}) {
      assertThatThrownBy(() -> Numbers.parseDouble(s)).as(s).isInstanceOf(NumberFormatException.class);
    }
  }

  @Test
  void parsesDecimalsKeepingTheirScale() {
    assertThat(Numbers.parseDecimal("12500.00")).isEqualTo(new BigDecimal("12500.00"));
    assertThat(Numbers.parseDecimal("-7.5")).isEqualTo(new BigDecimal("-7.5"));
    assertThat(Numbers.parseDecimal("1e3")).isEqualTo(new BigDecimal("1e3"));
    assertThatThrownBy(() -> Numbers.parseDecimal("12,5")).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void theFastPathPrintsWhatTheGeneralOneDoes() {
    byte[] fast = new byte[Numbers.MAX_CHARS];
    byte[] general = new byte[Numbers.MAX_CHARS];
    List<Double> values = new ArrayList<>();
    for (double d : new double[] {1, 9, 10, 99.5, 100, 0.1, 0.5, 0.01, 1e-6, 9.99999e-7, 1e-5, 123456789012.345,
        999999999999.4, 999999999999.5, 9.9999999999995, 0.99999999999995, 1e11, 1e12, 1e14, 9.99999999999e14,
        1e15, 0.000123, 1353.682998, 5e-324, Double.MAX_VALUE, Double.MIN_NORMAL}) {
      values.add(d);
      values.add(Math.nextUp(d));
      values.add(Math.nextDown(d));
    }
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 300_000; i++) {
      values.add(switch (i % 4) {
        case 0 -> Math.exp(r.nextDouble(-16, 37));
        case 1 -> r.nextLong(1, 1_000_000_000_000_000L) / Math.pow(10, r.nextInt(0, 20));
        case 2 -> r.nextInt(1, 100_000) * Math.pow(10, r.nextInt(-8, 16));
        default -> r.nextLong(1, 10_000_000) / 100.0 * r.nextDouble(0.1, 10);
      });
    }
    for (double v : values) {
      for (double x : new double[] {v, -v}) {
        int n = Numbers.format(x, fast, 0);
        int m = Numbers.formatAny(x, general, 0);
        assertThat(new String(fast, 0, n, StandardCharsets.ISO_8859_1)).as("%s", x)
            .isEqualTo(new String(general, 0, m, StandardCharsets.ISO_8859_1));
      }
    }
  }

  @Test
  void printsTwelveSignificantDigitsInPlainNotation() {
    assertThat(Numbers.toString(0)).isEqualTo("0");
    assertThat(Numbers.toString(720.5)).isEqualTo("720.5");
    assertThat(Numbers.toString(0.1 + 0.2)).isEqualTo("0.3");
    assertThat(Numbers.toString(-1353.682998)).isEqualTo("-1353.682998");
    assertThat(Numbers.toString(0.000123)).isEqualTo("0.000123");
    assertThat(Numbers.toString(123456789012.345)).isEqualTo("123456789012");
    assertThat(Numbers.toString(1e20)).isEqualTo("1.0E20");
    assertThat(Numbers.toString(1e-9)).isEqualTo("1.0E-9");
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 100_000; i++) {
      double v = Math.exp(r.nextDouble(-13, 34)) * (r.nextBoolean() ? 1 : -1);
      double back = Double.parseDouble(Numbers.toString(v));
      assertThat(Math.abs(back - v)).as("%s -> %s", v, back).isLessThanOrEqualTo(Math.abs(v) * 1e-11);
    }
  }
}
