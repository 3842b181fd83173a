package io.offgridflow.cli;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * FastCSV callback that builds only what the calculation needs: the first record becomes a
 * {@link HeaderRow}; after {@link #bind} maps header positions to {@link Column}s, each data record
 * becomes a {@link RawRow} holding the trimmed text of the known columns. Ignored ({@code x_*})
 * columns are never turned into Strings.
 *
 * <p>The columns whose values repeat from row to row (activity, unit, region, site, period, ...)
 * take their Strings from a {@link StringPool} per column, so a repeated value is one shared
 * String with its hash code cached; the id and the numeric columns get a new String per cell.
 * A pool lookup costs about what a new String does once the JIT's last tier has compiled both,
 * and half as much before that, which is much of a million-row run; it also spares the hash maps
 * downstream from hashing the value again, and keeps the rows parsed ahead small.
 */
final class ActivityCsvHandler extends CsvCallbackHandler<Object> {
  private long line;
  private int fieldCount;
  private RecordType recordType = RecordType.DATA;

  private boolean headerSeen;
  private @Nullable List<String> headerNames;
  /** Column ordinal per field position, or -1 for ignored fields. */
  private int[] slotOfField = new int[0];
  private @Nullable String[] values = new String[Column.values().length];
  /** Per column ordinal: the pool of its values, or null for columns read as fresh text. */
  private final @Nullable StringPool[] pools = new StringPool[Column.values().length];

  ActivityCsvHandler() {
    for (Column c : Column.values()) {
      if (pooled(c)) {
        pools[c.ordinal()] = new StringPool();
      }
    }
  }

  /** Whether a column's values repeat across rows: not the id, unique per row, nor the numbers. */
  private static boolean pooled(Column c) {
    return switch (c) {
      case ID, QUANTITY, CERTIFICATES_KWH, SUPPLIER_KG_PER_KWH, RESIDUAL_MIX_KG_PER_KWH -> false;
      default -> true;
    };
  }

  /** The line the record being read (or last read) starts on. */
  long currentLine() {
    return line;
  }

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
      return; // an extra field: counted, and reported by the row mapper
    }
    int slot = slotOfField[idx];
    if (slot < 0) {
      return;
    }
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
      return;
    }
    StringPool pool = pools[slot];
    values[slot] = pool != null ? pool.get(buf, start, end - start) : new String(buf, start, end - start);
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
   * Maps header positions to columns; called once, after the header was checked and before the
   * first data record is read.
   *
   * @param columns the column of each header position, null for ignored ({@code x_*}) columns
   */
  void bind(List<@Nullable Column> columns) {
    slotOfField = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      slotOfField[i] = c == null ? -1 : c.ordinal();
    }
  }
}
