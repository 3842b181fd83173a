package io.offgridflow.xbrl.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers as a reader sees them: thousands separated by commas, a dot for decimals (the shape
 * {@code ixt:num-dot-decimal} reads back), no sign (Inline XBRL puts it in the {@code sign}
 * attribute).
 */
public final class Display {
  private Display() {}

  /** {@code 12345.678} as {@code 12,345.678}; negative values lose their sign. */
  public static String grouped(BigDecimal value) {
    String plain = value.abs().toPlainString();
    int dot = plain.indexOf('.');
    String integer = dot < 0 ? plain : plain.substring(0, dot);
    String fraction = dot < 0 ? "" : plain.substring(dot);
    StringBuilder sb = new StringBuilder(integer.length() + integer.length() / 3 + fraction.length());
    int lead = integer.length() % 3 == 0 ? 3 : integer.length() % 3;
    sb.append(integer, 0, lead);
    for (int i = lead; i < integer.length(); i += 3) {
      sb.append(',').append(integer, i, i + 3);
    }
    return sb.append(fraction).toString();
  }

  /** Kilograms as tonnes to {@code decimals} places, grouped, with a minus sign when negative. */
  public static String tonnes(double kg, int decimals) {
    BigDecimal t = BigDecimal.valueOf(kg).movePointLeft(3).setScale(decimals, RoundingMode.HALF_EVEN);
    return (t.signum() < 0 ? "-" : "") + grouped(t);
  }

  /** A share as a percentage with one decimal, e.g. {@code 37.5 %}. */
  public static String percent(double part, double whole) {
    if (whole == 0) {
      return "–";
    }
    return BigDecimal.valueOf(part * 100 / whole).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + " %";
  }
}
