package io.offgridflow.connectors.aws.internal;

/**
 * Decimal text to double straight from the parser's buffer. Plain decimals with up to 15
 * significant digits and a power of ten up to 22 convert exactly as {@link Double#parseDouble}
 * does (one correctly rounded division or multiplication of two exact doubles); anything else
 * goes to {@link Double#parseDouble}.
 */
public final class Numbers {
  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private Numbers() {}

  /** The value, or NaN when the text is not a number. Empty text is 0 (CUR leaves blanks on some rows). */
  public static double parse(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    int i = off;
    int end = off + len;
    boolean neg = false;
    if (b[i] == '-' || b[i] == '+') {
      neg = b[i] == '-';
      i++;
    }
    long mant = 0;
    int digits = 0;
    int scale = 0;
    boolean dot = false;
    boolean any = false;
    for (; i < end; i++) {
      int c = b[i];
      if (c >= '0' && c <= '9') {
        any = true;
        if (mant == 0 && c == '0') {
          if (dot) {
            scale++;
          }
          continue;
        }
        if (digits >= 15) {
          return slow(b, off, len);
        }
        mant = mant * 10 + (c - '0');
        digits++;
        if (dot) {
          scale++;
        }
      } else if (c == '.' && !dot) {
        dot = true;
      } else {
        return slow(b, off, len); // exponent or garbage
      }
    }
    if (!any) {
      return Double.NaN;
    }
    double v = scale <= 22 ? mant / POW10[scale] : slow(b, off, len);
    return neg ? -v : v;
  }

  private static double slow(byte[] b, int off, int len) {
    try {
      return Double.parseDouble(new String(b, off, len, java.nio.charset.StandardCharsets.ISO_8859_1));
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
