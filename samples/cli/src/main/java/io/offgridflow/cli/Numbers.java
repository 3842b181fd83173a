package io.offgridflow.cli;

/**
 * Number parsing and printing on the hot path of the CLI. Parsing is exact: the fast path takes
 * decimals of at most 15 significant digits, for which one correctly rounded division by a power
 * of ten gives the nearest double (Clinger's fast path); anything else goes to
 * {@link Double#parseDouble}. Printing gives 12 significant digits, which is more than any
 * published factor carries, at a fraction of the cost of {@link Double#toString} on Java 17.
 */
final class Numbers {
  private static final double[] POW10 = new double[23];
  private static final double[] NEG_POW10 = new double[8];

  static {
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = Double.parseDouble("1e" + i); // exact up to 1e22
    }
    for (int i = 0; i < NEG_POW10.length; i++) {
      NEG_POW10[i] = Double.parseDouble("1e-" + i);
    }
  }

  private Numbers() {}

  /**
   * Parses a plain decimal number ({@code 12}, {@code -3.5}, {@code 1e6}, {@code 2.5E-3}).
   *
   * @throws NumberFormatException when the text is not a finite number
   */
  static double parseDouble(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    long mantissa = 0;
    int digits = 0;
    int fractionDigits = 0;
    boolean dot = false;
    boolean any = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        any = true;
        if (mantissa == 0 && c == '0') {
          if (dot) {
            fractionDigits++;
          }
          continue; // leading zeros are not significant
        }
        if (++digits > 15) {
          return slow(s);
        }
        mantissa = mantissa * 10 + (c - '0');
        if (dot) {
          fractionDigits++;
        }
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        break;
      }
    }
    if (!any) {
      throw new NumberFormatException("not a number");
    }
    int exponent = 0;
    if (i < n) {
      char c = s.charAt(i);
      if (c != 'e' && c != 'E') {
        throw new NumberFormatException("not a number");
      }
      return slow(s);
    }
    exponent -= fractionDigits;
    double v;
    if (exponent == 0) {
      v = mantissa;
    } else if (exponent < 0 && -exponent < POW10.length) {
      v = mantissa / POW10[-exponent];
    } else {
      return slow(s);
    }
    return negative ? -v : v;
  }

  /**
   * Parses a plain decimal exactly ({@code 12500.00} keeps its two decimals).
   *
   * @throws NumberFormatException when the text is not a decimal number
   */
  static java.math.BigDecimal parseDecimal(String s) {
    int n = s.length();
    if (n > 0 && n <= 18) {
      long unscaled = 0;
      int scale = -1;
      int start = s.charAt(0) == '-' ? 1 : 0;
      boolean digits = false;
      int i = start;
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (c >= '0' && c <= '9') {
          unscaled = unscaled * 10 + (c - '0');
          digits = true;
          if (scale >= 0) {
            scale++;
          }
        } else if (c == '.' && scale < 0) {
          scale = 0;
        } else {
          break;
        }
      }
      if (i == n && digits) {
        return java.math.BigDecimal.valueOf(start == 1 ? -unscaled : unscaled, Math.max(scale, 0));
      }
    }
    java.math.BigDecimal d = new java.math.BigDecimal(s);
    return d;
  }

  private static double slow(String s) {
    double v = Double.parseDouble(s);
    if (!Double.isFinite(v)) {
      throw new NumberFormatException("not a finite number");
    }
    // Double.parseDouble accepts "1d", "0x1p3", "NaN": refuse anything that is not plain decimal.
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')) {
        throw new NumberFormatException("not a number");
      }
    }
    return v;
  }

  /** Parses a non-negative decimal integer of at most 9 digits. */
  static int parseInt(String s) {
    int n = s.length();
    if (n == 0 || n > 9) {
      throw new NumberFormatException("not a whole number");
    }
    int v = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException("not a whole number");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static final int SIGNIFICANT = 12;

  /** Room {@link #format} and {@link #formatLong} need at most. */
  static final int MAX_CHARS = 32;

  /** The number as {@link #format} prints it. */
  static String toString(double v) {
    byte[] buf = new byte[MAX_CHARS];
    return new String(buf, 0, format(v, buf, 0), java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /**
   * Writes {@code v} with up to 12 significant digits, trailing zeros dropped, in plain notation
   * for magnitudes from 1e-6 to 1e15 ({@link Double#toString} outside that); returns the new end.
   */
  static int format(double v, byte[] buf, int pos) {
    if (v == 0) {
      buf[pos] = '0';
      return pos + 1;
    }
    double a = Math.abs(v);
    if (!(a >= 1e-6 && a < 1e15)) {
      return ascii(Double.toString(v), buf, pos);
    }
    // Decimal exponent of the leading digit: estimated from the binary exponent, then corrected.
    int e10 = (int) Math.floor(Math.getExponent(a) * 0.30102999566398120);
    if (e10 >= 0 ? a >= POW10[e10 + 1] : a >= NEG_POW10[-e10 - 1]) {
      e10++;
    } else if (e10 >= 0 ? a < POW10[e10] : a < NEG_POW10[-e10]) {
      e10--;
    }
    int decimals = SIGNIFICANT - 1 - e10;
    long m;
    if (decimals >= 0) {
      m = Math.round(a * POW10[decimals]);
    } else {
      long scale = (long) POW10[-decimals];
      m = Math.round(a / scale) * scale;
      decimals = 0;
    }
    while (decimals >= 2 && m % 100 == 0) {
      m /= 100;
      decimals -= 2;
    }
    if (decimals > 0 && m % 10 == 0) {
      m /= 10;
      decimals--;
    }
    if (v < 0) {
      buf[pos++] = '-';
    }
    return fixed(m, decimals, buf, pos);
  }

  static int formatLong(long v, byte[] buf, int pos) {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        return ascii(Long.toString(v), buf, pos);
      }
      buf[pos++] = (byte) '-';
      v = -v;
    }
    return fixed(v, 0, buf, pos);
  }

  private static int ascii(String s, byte[] buf, int pos) {
    for (int i = 0; i < s.length(); i++) {
      buf[pos++] = (byte) s.charAt(i);
    }
    return pos;
  }

  private static final byte[] TENS = new byte[100];
  private static final byte[] ONES = new byte[100];

  static {
    for (int i = 0; i < 100; i++) {
      TENS[i] = (byte) ('0' + i / 10);
      ONES[i] = (byte) ('0' + i % 10);
    }
  }

  /** Writes non-negative {@code m / 10^decimals} in plain notation; returns the new end. */
  private static int fixed(long m, int decimals, byte[] buf, int pos) {
    // Digits right to left into a scratch area, two per division, then copied with the point.
    byte[] d = new byte[SCRATCH];
    int i = d.length;
    long x = m;
    while (x >= 100) {
      long q = x / 100;
      int r = (int) (x - q * 100);
      d[--i] = ONES[r];
      d[--i] = TENS[r];
      x = q;
    }
    int r = (int) x;
    d[--i] = ONES[r];
    if (r >= 10) {
      d[--i] = TENS[r];
    }
    int digits = d.length - i;
    if (digits <= decimals) {
      buf[pos++] = '0';
      buf[pos++] = '.';
      for (int z = digits; z < decimals; z++) {
        buf[pos++] = '0';
      }
      System.arraycopy(d, i, buf, pos, digits);
      return pos + digits;
    }
    int intDigits = digits - decimals;
    System.arraycopy(d, i, buf, pos, intDigits);
    pos += intDigits;
    if (decimals > 0) {
      buf[pos++] = '.';
      System.arraycopy(d, i + intDigits, buf, pos, decimals);
      pos += decimals;
    }
    return pos;
  }

  /** Room for the digits of a long. */
  static final int SCRATCH = 20;
}
