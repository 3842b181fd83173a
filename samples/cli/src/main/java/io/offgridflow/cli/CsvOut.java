package io.offgridflow.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A UTF-8 CSV writer for one thread. It formats straight into its own byte buffer (ASCII needs no
 * encoder) and hands the stream whole blocks: no per-field String, no per-row allocation. Each
 * append goes to the stream whole, never split, so a block always ends on a character boundary.
 * The caller writes separators; {@link #text} quotes a value that holds a separator, quote or line
 * break (RFC 4180).
 */
final class CsvOut implements AutoCloseable {
  private final OutputStream out;
  private final byte[] buf;
  private int pos;

  CsvOut(OutputStream out, int bufferBytes) {
    this.out = out;
    this.buf = new byte[bufferBytes];
  }

  /** Writes a field value, quoting it when it needs quotes. */
  CsvOut text(String s) {
    // One pass for the common case, ASCII that needs no quotes: check and copy together. Anything
    // else starts again at pos, which the pass has not moved.
    int n = s.length();
    if (n <= buf.length - pos) {
      byte[] b = buf;
      int p = pos;
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80 || c == ',' || c == '"' || c == '\n' || c == '\r') {
          return needsQuotes(s) ? append(quote(s)) : append(s);
        }
        b[p++] = (byte) c;
      }
      pos = p;
      return this;
    }
    return needsQuotes(s) ? append(quote(s)) : append(s);
  }

  static boolean needsQuotes(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  static String quote(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** Appends an ASCII character. */
  CsvOut append(char c) {
    if (pos == buf.length) {
      flushBuffer();
    }
    buf[pos++] = (byte) c;
    return this;
  }

  /** Appends a string as UTF-8, unquoted. */
  CsvOut append(String s) {
    int n = s.length();
    if (n > buf.length - pos) {
      flushBuffer();
      if (n > buf.length) {
        return append(s.getBytes(StandardCharsets.UTF_8));
      }
    }
    int p = pos;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return append(s.getBytes(StandardCharsets.UTF_8)); // pos untouched: restart encoded
      }
      buf[p++] = (byte) c;
    }
    pos = p;
    return this;
  }

  /** Appends encoded bytes. */
  CsvOut append(byte[] bytes) {
    int n = bytes.length;
    if (n > buf.length - pos) {
      flushBuffer();
      if (n > buf.length) {
        write(bytes, n);
        return this;
      }
    }
    System.arraycopy(bytes, 0, buf, pos, n);
    pos += n;
    return this;
  }

  /** Appends a number as {@link Numbers#format} prints it. */
  CsvOut number(double v) {
    if (buf.length - pos < Numbers.MAX_CHARS) {
      flushBuffer();
    }
    pos = Numbers.format(v, buf, pos);
    return this;
  }

  /** Appends numbers separated by commas; NaN is an empty cell. */
  CsvOut numbers(double[] values) {
    if (buf.length - pos < values.length * (Numbers.MAX_CHARS + 1)) {
      flushBuffer();
    }
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        b[p++] = ',';
      }
      double v = values[i];
      if (v == v) {
        p = Numbers.format(v, b, p);
      }
    }
    pos = p;
    return this;
  }

  /** Appends a whole number. */
  CsvOut integer(long v) {
    if (buf.length - pos < Numbers.MAX_CHARS) {
      flushBuffer();
    }
    pos = Numbers.formatLong(v, buf, pos);
    return this;
  }

  private void write(byte[] bytes, int n) {
    try {
      out.write(bytes, 0, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void flushBuffer() {
    write(buf, pos);
    pos = 0;
  }

  void flush() {
    flushBuffer();
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    flush();
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
