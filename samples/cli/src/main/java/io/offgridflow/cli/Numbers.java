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

  /** {@code POWERS[8 + i]} is {@code 1e{i}}, the same doubles as {@code POW10} and {@code NEG_POW10}. */
  private static final double[] POWERS = new double[31];
  /** The four ASCII digits of 0-9999, packed big-end first into an int. */
  private static final int[] FOUR_DIGITS = new int[10_000];

  static {
    for (int i = 0; i < NEG_POW10.length; i++) {
      POWERS[8 - i] = NEG_POW10[i];
    }
    for (int i = 0; i + 8 < POWERS.length; i++) {
      POWERS[8 + i] = POW10[i];
    }
    for (int i = 0; i < FOUR_DIGITS.length; i++) {
      FOUR_DIGITS[i] = ('0' + i / 1000) << 24 | ('0' + i / 100 % 10) << 16 | ('0' + i / 10 % 10) << 8 | ('0' + i % 10);
    }
  }

  /**
   * Writes {@code v} with up to 12 significant digits, trailing zeros dropped, in plain notation
   * for magnitudes from 1e-6 to 1e15 ({@link Double#toString} outside that); returns the new end.
   *
   * <p>The output file has several of these per row, so the usual case, a magnitude below 1e12
   * whose 12 digits fill the rounded integer, is written without loops or divisions by a
   * variable: the 12 digits come from three table lookups and are stored straight into place
   * around the decimal point. Everything else takes {@link #formatAny}, which gives the same text.
   */
  static int format(double v, byte[] buf, int pos) {
    if (v == 0) {
      buf[pos] = '0';
      return pos + 1;
    }
    double a = Math.abs(v);
    if (!(a >= 1e-6 && a < 1e15)) {
      return formatAny(v, buf, pos);
    }
    // As formatAny: the decimal exponent of the leading digit, then 12 digits rounded to an integer.
    int e10 = (int) Math.floor(Math.getExponent(a) * 0.30102999566398120);
    if (a >= POWERS[e10 + 9]) {
      e10++;
    } else if (a < POWERS[e10 + 8]) {
      e10--;
    }
    int decimals = SIGNIFICANT - 1 - e10;
    if (decimals < 0) {
      return formatAny(v, buf, pos);
    }
    long m = Math.round(a * POW10[decimals]);
    if (m < 100_000_000_000L || m >= 1_000_000_000_000L) {
      return formatAny(v, buf, pos); // rounding carried into a 13th digit
    }
    if (v < 0) {
      buf[pos++] = '-';
    }
    int high = (int) (m / 100_000_000);
    int rest = (int) (m - high * 100_000_000L);
    int middle = rest / 10_000;
    int d1 = FOUR_DIGITS[high];
    int d2 = FOUR_DIGITS[middle];
    int d3 = FOUR_DIGITS[rest - middle * 10_000];
    if (e10 < 0) {
      // 0.[zeros]dddddddddddd: up to five zeros after the point, written whether needed or not.
      buf[pos] = '0';
      buf[pos + 1] = '.';
      for (int i = 2; i < 7; i++) {
        buf[pos + i] = '0';
      }
      int start = pos + 1 - e10;
      putFour(buf, start, d1);
      putFour(buf, start + 4, d2);
      putFour(buf, start + 8, d3);
      int end = start + 12;
      while (buf[end - 1] == '0') {
        end--;
      }
      return end;
    }
    // Digit i goes to pos + i, or one further once past the point: (g - i) >>> 31 is 1 when i > g.
    int point = e10 + 1;
    int g = e10;
    buf[pos] = (byte) (d1 >>> 24);
    buf[pos + 1 + ((g - 1) >>> 31)] = (byte) (d1 >>> 16);
    buf[pos + 2 + ((g - 2) >>> 31)] = (byte) (d1 >>> 8);
    buf[pos + 3 + ((g - 3) >>> 31)] = (byte) d1;
    buf[pos + 4 + ((g - 4) >>> 31)] = (byte) (d2 >>> 24);
    buf[pos + 5 + ((g - 5) >>> 31)] = (byte) (d2 >>> 16);
    buf[pos + 6 + ((g - 6) >>> 31)] = (byte) (d2 >>> 8);
    buf[pos + 7 + ((g - 7) >>> 31)] = (byte) d2;
    buf[pos + 8 + ((g - 8) >>> 31)] = (byte) (d3 >>> 24);
    buf[pos + 9 + ((g - 9) >>> 31)] = (byte) (d3 >>> 16);
    buf[pos + 10 + ((g - 10) >>> 31)] = (byte) (d3 >>> 8);
    buf[pos + 11 + ((g - 11) >>> 31)] = (byte) d3;
    if (point == SIGNIFICANT) {
      return pos + SIGNIFICANT; // an integer: no point, no fraction
    }
    buf[pos + point] = '.';
    int end = pos + SIGNIFICANT + 1;
    while (buf[end - 1] == '0') {
      end--;
    }
    return buf[end - 1] == '.' ? end - 1 : end;
  }

  private static void putFour(byte[] buf, int pos, int digits) {
    buf[pos] = (byte) (digits >>> 24);
    buf[pos + 1] = (byte) (digits >>> 16);
    buf[pos + 2] = (byte) (digits >>> 8);
    buf[pos + 3] = (byte) digits;
  }

  /**
   * {@link #format}'s general algorithm, for any finite value: the same rounding to 12 significant
   * digits, then the trailing zeros dropped and the digits written one pair at a time. The fast
   * path must print exactly what this prints (NumbersTest checks it).
   */
  static int formatAny(double v, byte[] buf, int pos) {
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
