package io.offgridflow.cli;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * FastCSV callback that builds only what the calculation needs: the first record becomes a
 * {@link HeaderRow}; after {@link #bind} maps header positions to {@link Column}s, each data record
 * becomes a {@link RawRow} holding only the known columns. Ignored ({@code x_*}) columns are never
 * turned into Strings, and repeated values of low-cardinality columns (activity, unit, region, ...)
 * share one String, so a row costs a few small allocations rather than one per field.
 */
final class ActivityCsvHandler extends CsvCallbackHandler<Object> {
  private static final int CACHE_SIZE = 512; // per column; power of two

  private long line;
  private int fieldCount;
  private RecordType recordType = RecordType.DATA;

  private boolean headerSeen;
  private @Nullable List<String> headerNames;
  /** Column ordinal per field position, or -1 for ignored fields. */
  private int[] slotOfField = new int[0];
  private boolean[] interned = new boolean[0];
  private @Nullable String[] values = new String[Column.values().length];
  private final String[][] caches = new String[Column.values().length][];

  @Override
  protected RecordType getRecordType() {
    return recordType;
  }

  @Override
  protected int getFieldCount() {
    return fieldCount;
  }

  @Override
  protected void beginRecord(long startingLineNumber) {
    line = startingLineNumber;
    fieldCount = 0;
    recordType = RecordType.DATA;
    if (!headerSeen) {
      headerNames = new ArrayList<>();
    }
  }

  @Override
  protected void addField(char[] buf, int offset, int len, boolean quoted) {
    int idx = fieldCount++;
    if (!headerSeen) {
      headerNames.add(new String(buf, offset, len));
      return;
    }
    if (idx >= slotOfField.length) {
      return; // an extra field: counted, reported by the row mapper
    }
    int slot = slotOfField[idx];
    if (slot < 0) {
      return;
    }
    // Trim spaces and tabs around the value.
    int start = offset;
    int end = offset + len;
    while (start < end && (buf[start] == ' ' || buf[start] == '\t')) {
      start++;
    }
    while (end > start && (buf[end - 1] == ' ' || buf[end - 1] == '\t')) {
      end--;
    }
    if (start == end) {
      values[slot] = null;
    } else if (interned[slot]) {
      values[slot] = intern(slot, buf, start, end - start);
    } else {
      values[slot] = new String(buf, start, end - start);
    }
  }

  private String intern(int slot, char[] buf, int off, int len) {
    // A cheap hash from the length and three characters: a collision only costs a new String.
    int h = len * 0x9E3779B1 + buf[off] * 31 + buf[off + len - 1] * 961 + buf[off + (len >> 1)] * 29791;
    h ^= h >>> 15;
    String[] cache = caches[slot];
    int i = h & (CACHE_SIZE - 1);
    String hit = cache[i];
    if (hit != null && hit.length() == len) {
      boolean same = true;
      for (int k = 0; k < len; k++) {
        if (hit.charAt(k) != buf[off + k]) {
          same = false;
          break;
        }
      }
      if (same) {
        return hit;
      }
    }
    String s = new String(buf, off, len);
    cache[i] = s;
    return s;
  }

  @Override
  protected void setComment(char[] buf, int offset, int len) {
    recordType = RecordType.COMMENT;
  }

  @Override
  protected void setEmpty() {
    recordType = RecordType.EMPTY;
  }

  @Override
  protected Object buildRecord() {
    if (recordType != RecordType.DATA) {
      return recordType; // skipped by the reader (skipEmptyLines)
    }
    if (!headerSeen) {
      headerSeen = true;
      List<String> names = headerNames;
      headerNames = null;
      return new HeaderRow(line, List.copyOf(names));
    }
    RawRow row = new RawRow(line, fieldCount, values);
    values = new String[values.length];
    return row;
  }

  /**
   * Maps header positions to columns; called once, after the header was validated and before the
   * first data record is read.
   *
   * @param columns the column of each header position, null for ignored ({@code x_*}) columns
   */
  void bind(List<@Nullable Column> columns) {
    slotOfField = new int[columns.size()];
    interned = new boolean[Column.values().length];
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      slotOfField[i] = c == null ? -1 : c.ordinal();
      if (c != null && c.lowCardinality()) {
        interned[c.ordinal()] = true;
        caches[c.ordinal()] = new String[CACHE_SIZE];
      }
    }
  }
}
