package io.offgridflow.connectors.aws.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * RFC 4180 tokenizer over UTF-8 bytes, made for CUR files: comma separators, optional double
 * quotes with {@code ""} inside, LF or CRLF line ends (also inside quotes), a UTF-8 byte-order mark,
 * blank lines skipped. It hands the {@link CurRun} only the fields it wants and merely skips the
 * rest (a CUR has 29 to 200+ columns, the estimate needs 10), without decoding text: a CUR's
 * separators and quotes are ASCII, which UTF-8 never uses inside a multi-byte character.
 *
 * <p>A record is handed over only once it is complete in the buffer, so a record cut by a block
 * boundary is re-read whole after the next block arrives; the buffer grows for a record longer
 * than it.
 */
final class CurTokenizer {
  private byte[] buf = new byte[InflatingStream.blockSize() * 4];
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private boolean[] escaped = new boolean[64];
  private byte[] unescaped = new byte[256];
  private int fields;
  private int recordLines;

  /** Reads every record of {@code in} into {@code run}; {@code name} is used in errors. */
  void parse(InflatingStream in, CurRun run, String name) throws IOException {
    int start = 0;
    int end = 0;
    long line = 1;
    boolean eof = false;
    boolean first = true;
    while (true) {
      if (!eof && buf.length - end < InflatingStream.blockSize()) {
        // compact, or grow for a record longer than the buffer
        if (start > 0) {
          System.arraycopy(buf, start, buf, 0, end - start);
          end -= start;
          start = 0;
        }
        if (buf.length - end < InflatingStream.blockSize()) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
      }
      if (!eof) {
        int n = in.next(buf, end);
        if (n < 0) {
          eof = true;
        } else {
          run.countBytes(n);
          end += n;
        }
      }
      if (first && end - start >= 3 && buf[start] == (byte) 0xEF && buf[start + 1] == (byte) 0xBB
          && buf[start + 2] == (byte) 0xBF) {
        start += 3;
      }
      if (first && (end - start >= 3 || eof)) {
        first = false;
      }
      while (start < end) {
        int next = record(start, end, eof, name, line);
        if (next < 0) {
          break; // incomplete: wait for more bytes
        }
        boolean blank = fields == 1 && ends[0] == starts[0];
        if (!blank) {
          emit(run, line);
        }
        line += recordLines;
        start = next;
      }
      if (eof) {
        return;
      }
    }
  }

  private void emit(CurRun run, long line) {
    run.beginRecord(line);
    for (int f = 0; f < fields; f++) {
      if (!run.wants(f)) {
        run.skipField();
      } else if (escaped[f]) {
        int len = unescape(starts[f], ends[f]);
        run.addField(unescaped, 0, len);
      } else {
        run.addField(buf, starts[f], ends[f] - starts[f]);
      }
    }
    run.endRecord();
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long COMMAS = ',' * ONES;
  private static final long LFS = '\n' * ONES;
  private static final long CRS = '\r' * ONES;

  /**
   * The index of the first {@code ,}, LF or CR in {@code b[from..end)}, or {@code end}. Unquoted
   * fields are most of a CUR's bytes, and this scan was the tokenizer's hottest loop: it looks at
   * eight bytes per step (SWAR: a byte equal to the target becomes 0 after XOR, and the classic
   * has-zero-byte expression flags it; the lowest flag is exact, which is the one taken).
   */
  static int nextSeparator(byte[] b, int from, int end) {
    int p = from;
    while (p + 8 <= end) {
      long w = (long) LONGS.get(b, p);
      long c = w ^ COMMAS;
      long l = w ^ LFS;
      long r = w ^ CRS;
      long found = ((c - ONES) & ~c | (l - ONES) & ~l | (r - ONES) & ~r) & HIGHS;
      if (found != 0) {
        return p + (Long.numberOfTrailingZeros(found) >>> 3);
      }
      p += 8;
    }
    while (p < end) {
      byte c = b[p];
      if (c == ',' || c == '\n' || c == '\r') {
        return p;
      }
      p++;
    }
    return end;
  }

  private int unescape(int from, int to) {
    if (unescaped.length < to - from) {
      unescaped = new byte[to - from];
    }
    int n = 0;
    for (int i = from; i < to; i++) {
      unescaped[n++] = buf[i];
      if (buf[i] == '"') {
        i++; // "" -> "
      }
    }
    return n;
  }

  /**
   * Finds the fields of the record at {@code p}; returns the position after it, or -1 when the
   * record is not complete in {@code [p, end)} and more input may follow.
   */
  private int record(int p, int end, boolean eof, String name, long line) {
    byte[] b = buf;
    fields = 0;
    recordLines = 0;
    while (true) {
      if (fields == starts.length) {
        starts = Arrays.copyOf(starts, fields * 2);
        ends = Arrays.copyOf(ends, fields * 2);
        escaped = Arrays.copyOf(escaped, fields * 2);
      }
      int fs;
      int fe;
      boolean esc = false;
      if (p < end && b[p] == '"') {
        p++;
        fs = p;
        while (true) {
          if (p >= end) {
            if (eof) {
              throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, name + ":" + line
                  + ": a quoted field is not closed before the end of the file");
            }
            return -1;
          }
          byte c = b[p];
          if (c == '"') {
            if (p + 1 < end && b[p + 1] == '"') {
              esc = true;
              p += 2;
              continue;
            }
            if (p + 1 >= end && !eof) {
              return -1; // cannot tell a closing quote from an escaped one yet
            }
            break;
          }
          if (c == '\n') {
            recordLines++;
          }
          p++;
        }
        fe = p;
        p++; // closing quote
        while (p < end && b[p] != ',' && b[p] != '\n' && b[p] != '\r') {
          p++; // tolerate text after a closing quote, as FastCSV does
        }
      } else {
        fs = p;
        p = nextSeparator(b, p, end);
        fe = p;
      }
      starts[fields] = fs;
      ends[fields] = fe;
      escaped[fields] = esc;
      fields++;
      if (p >= end) {
        if (eof) {
          recordLines++;
          return end; // last record without a line end
        }
        return -1;
      }
      byte c = b[p];
      if (c == ',') {
        p++;
        continue;
      }
      if (c == '\r') {
        if (p + 1 < end) {
          p += b[p + 1] == '\n' ? 2 : 1;
        } else if (eof) {
          p++;
        } else {
          return -1;
        }
      } else {
        p++;
      }
      recordLines++;
      return p;
    }
  }
}
