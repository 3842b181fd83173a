package io.offgridflow.connectors.azure.internal;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One CSV record with only the columns a reader asked for turned into Strings: cost exports have 57
 * to 65 columns and the connector needs 11, so skipping the others' allocation is most of the parse
 * cost saved. The object is reused for every record: read it before asking for the next.
 *
 * <pre>{@code
 * CsvRow r = source.next();      // header: every field
 * source.select(new int[] {3, 7});
 * r = source.next();             // data: fields 3 and 7 only
 * r.field(3);
 * }</pre>
 */
final class CsvRow {
  private long line;
  private int fieldCount;
  private String[] values = new String[64];

  long line() {
    return line;
  }

  int fieldCount() {
    return fieldCount;
  }

  /** A selected field (or any field of the header record); "" for one not selected. */
  String field(int i) {
    String v = i < values.length ? values[i] : null;
    return v == null ? "" : v;
  }

  /** Every field, for the header record. */
  List<String> fields() {
    return Arrays.asList(Arrays.copyOf(values, fieldCount)).stream().map(v -> v == null ? "" : v).toList();
  }

  /** Builds {@link CsvRow}s for FastCSV, keeping the selected fields only once a selection is set. */
  static final class Handler extends AbstractBaseCsvCallbackHandler<CsvRow> {
    private final CsvRow row = new CsvRow();
    private boolean @Nullable [] wanted;

    /** Keeps only these field indexes from now on. */
    void select(int[] fields) {
      int max = 0;
      for (int f : fields) {
        max = Math.max(max, f + 1);
      }
      boolean[] w = new boolean[max];
      for (int f : fields) {
        if (f >= 0) {
          w[f] = true;
        }
      }
      wanted = w;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
      row.line = startingLineNumber;
      Arrays.fill(row.values, null);
    }

    @Override
    protected void handleField(int idx, char[] buf, int offset, int len, boolean quoted) {
      if (wanted != null && (idx >= wanted.length || !wanted[idx])) {
        return;
      }
      if (idx >= row.values.length) {
        row.values = Arrays.copyOf(row.values, Math.max(idx + 1, row.values.length * 2));
      }
      row.values[idx] = new String(buf, offset, len);
    }

    @Override
    protected CsvRow buildRecord() {
      row.fieldCount = getFieldCount();
      return row;
    }
  }
}
