package io.offgridflow.factors.internal;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.ErrorCode;
import io.offgridflow.OffGridFlowException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small RFC 4180 reader for the bundled CSV files: comma separators, fields optionally enclosed
 * in double quotes, {@code ""} for a quote inside a quoted field, commas and line breaks inside
 * quotes, CRLF or LF line ends and an optional UTF-8 byte-order mark. The core may not depend on a
 * CSV library, and the bundled files need nothing more.
 *
 * <p>Malformed input fails with {@link ErrorCode#DATASET_LOAD_FAILED} naming the resource and line,
 * because a bundled file that does not parse is a packaging bug that must not be papered over.
 *
 * <pre>{@code
 * CsvTable t = CsvReader.parse("x.csv", "a,b\n1,\"2,5\"\n");
 * t.rows().get(0).text("b");   // "2,5"
 * }</pre>
 */
final class CsvReader {
  /** Root of the bundled data inside the core jar. */
  static final String DATA_ROOT = "/io/offgridflow/factors/data/";

  private CsvReader() {}

  /** Reads {@code DATA_ROOT + datasetDir + "/" + file} from the class path. */
  static CsvTable resource(String datasetDir, String file) {
    String path = DATA_ROOT + datasetDir + "/" + file;
    try (InputStream in = CsvReader.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new OffGridFlowException(
            CoreErrorCode.DATASET_LOAD_FAILED, path + ": bundled resource is missing from the class path");
      }
      return parse(path, in.readAllBytes());
    } catch (IOException e) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, path + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Parses CSV text whose first record is the header. Blank lines are skipped; every other record
   * must have as many fields as the header.
   */
  static CsvTable parse(String resource, String text) {
    return parse(resource, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses UTF-8 bytes; see {@link #parse(String, String)}. */
  static CsvTable parse(String resource, byte[] utf8) {
    List<Record> records = new Parser(resource, utf8).records();
    if (records.isEmpty()) {
      throw fail(resource, 1, "file is empty; a header row is expected");
    }
    Record head = records.get(0);
    List<String> header = new ArrayList<>(head.size());
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < head.size(); i++) {
      String name = head.text(i);
      header.add(name);
      if (index.putIfAbsent(name.trim(), i) != null) {
        throw fail(resource, head.line(), "column '" + name + "' appears twice in the header");
      }
    }
    List<CsvRow> rows = new ArrayList<>(records.size() - 1);
    for (int r = 1; r < records.size(); r++) {
      Record rec = records.get(r);
      if (rec.size() != header.size()) {
        throw fail(resource, rec.line(), "expected " + header.size() + " fields as in the header, found " + rec.size());
      }
      rows.add(new CsvRow(resource, index, rec));
    }
    return new CsvTable(resource, List.copyOf(header), index, List.copyOf(rows));
  }

  static OffGridFlowException fail(String resource, int line, String what) {
    return new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, resource + ":" + line + ": " + what);
  }

  /**
   * One record: its fields as byte ranges of the file, decoded only when read. The DESNZ file has
   * ~87,000 fields of which the loaders read a few thousand, and decoding them all dominated load
   * time on a cold JVM.
   */
  static final class Record {
    private final byte[] file;
    private final int line;
    private final int[] bounds; // start and end offset per field
    private final String @Nullable [] unescaped; // fields that held a doubled quote, else null
    private final int size;

    Record(byte[] file, int line, int[] bounds, String @Nullable [] unescaped, int size) {
      this.file = file;
      this.line = line;
      this.bounds = bounds;
      this.unescaped = unescaped;
      this.size = size;
    }

    int line() {
      return line;
    }

    int size() {
      return size;
    }

    String text(int field) {
      if (unescaped != null && unescaped[field] != null) {
        return unescaped[field];
      }
      int from = bounds[2 * field];
      return new String(file, from, bounds[2 * field + 1] - from, StandardCharsets.UTF_8);
    }

    boolean isEmpty(int field) {
      return (unescaped == null || unescaped[field] == null) && bounds[2 * field] == bounds[2 * field + 1];
    }
  }

  /**
   * Byte-level state machine; one instance per parse. It scans UTF-8 bytes rather than chars: the
   * delimiters are ASCII and never occur inside a multi-byte UTF-8 sequence, and the catalog is
   * usually built on a cold JVM, where this is several times faster than walking a String.
   */
  private static final class Parser {
    private final String resource;
    private final byte[] b;
    private int pos;
    private int line = 1;
    // Scratch state of the record being read.
    private int[] bounds = new int[32];
    private String @Nullable [] unescaped;
    private int count;

    Parser(String resource, byte[] utf8) {
      this.resource = resource;
      this.b = utf8;
      boolean bom = utf8.length >= 3 && utf8[0] == (byte) 0xEF && utf8[1] == (byte) 0xBB && utf8[2] == (byte) 0xBF;
      this.pos = bom ? 3 : 0;
    }

    List<Record> records() {
      List<Record> out = new ArrayList<>();
      while (pos < b.length) {
        int start = line;
        boolean quotedStart = b[pos] == '"';
        record();
        // A blank line, not a record of one empty quoted field ("").
        boolean blank = count == 1 && bounds[0] == bounds[1] && !quotedStart;
        if (!blank) {
          out.add(new Record(b, start, java.util.Arrays.copyOf(bounds, 2 * count), unescaped, count));
        }
      }
      return out;
    }

    /** Reads fields up to and including the record's line end (or the end of input). */
    private void record() {
      count = 0;
      unescaped = null;
      while (true) {
        if (pos < b.length && b[pos] == '"') {
          quoted();
        } else {
          unquoted();
        }
        if (pos >= b.length) {
          return;
        }
        if (b[pos] == ',') {
          pos++;
          continue;
        }
        // A line end finishes the record.
        endOfLine();
        return;
      }
    }

    private void add(int from, int to, @Nullable String decoded) {
      if (2 * count + 2 > bounds.length) {
        bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
      }
      bounds[2 * count] = from;
      bounds[2 * count + 1] = to;
      if (decoded != null) {
        if (unescaped == null) {
          unescaped = new String[bounds.length / 2];
        } else if (unescaped.length <= count) {
          unescaped = java.util.Arrays.copyOf(unescaped, bounds.length / 2);
        }
        unescaped[count] = decoded;
      }
      count++;
    }

    private String text(int from, int to) {
      return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    private void unquoted() {
      int start = pos;
      while (pos < b.length) {
        byte c = b[pos];
        if (c == ',' || c == '\n' || c == '\r') {
          break;
        }
        if (c == '"') {
          throw fail(resource, line, "field '" + text(start, pos)
              + "\"...' has a quote but does not start with one; quote the whole field and double inner quotes");
        }
        pos++;
      }
      add(start, pos, null);
    }

    private void quoted() {
      int openedOn = line;
      pos++; // opening quote
      StringBuilder field = null; // only needed when the field holds a doubled quote
      int first = pos;
      int start = pos;
      while (true) {
        if (pos >= b.length) {
          throw fail(resource, openedOn, "quoted field is never closed");
        }
        byte c = b[pos];
        if (c == '"') {
          if (pos + 1 < b.length && b[pos + 1] == '"') {
            if (field == null) {
              field = new StringBuilder();
            }
            field.append(text(start, pos + 1));
            pos += 2;
            start = pos;
            continue;
          }
          String decoded = field == null ? null : field.append(text(start, pos)).toString();
          add(first, pos, decoded);
          pos++; // closing quote
          if (pos < b.length) {
            byte next = b[pos];
            if (next != ',' && next != '\n' && next != '\r') {
              throw fail(resource, line, "unexpected '" + (char) next + "' after the closing quote of field '"
                  + (decoded != null ? decoded : text(first, pos - 1)) + "'");
            }
          }
          return;
        }
        if (c == '\n' || (c == '\r' && (pos + 1 >= b.length || b[pos + 1] != '\n'))) {
          line++;
        }
        pos++;
      }
    }

    private void endOfLine() {
      if (b[pos] == '\r') {
        pos++;
        if (pos < b.length && b[pos] == '\n') {
          pos++;
        }
      } else {
        pos++;
      }
      line++;
    }
  }
}
