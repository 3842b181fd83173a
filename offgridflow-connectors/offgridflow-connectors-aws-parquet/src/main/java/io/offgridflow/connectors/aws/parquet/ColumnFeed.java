package io.offgridflow.connectors.aws.parquet;

import io.offgridflow.connectors.aws.internal.CurField;
import io.offgridflow.connectors.aws.internal.CurRun;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.jspecify.annotations.Nullable;

/**
 * One projected CUR column: a parquet-java converter that decodes a batch of the column's values
 * into a primitive array, then hands them to the {@link CurRun} row by row. Decoding a batch per
 * column (rather than a row across columns) keeps each column's reader and converter call sites
 * monomorphic. Dictionary pages are translated once per column chunk ({@link #setDictionary}), so
 * a repeated value costs an array load per row, never a decode.
 *
 * <p>Bad values are noted during decoding and reported in {@link #deliver}, once the run knows the
 * row, so the error can name file, row, column and value.
 */
abstract class ColumnFeed extends PrimitiveConverter {
  /** Rows decoded per column before they are classified: a few KB per column, whatever the file. */
  static final int BATCH = 4096;

  final CurField field;
  final String column;
  private @Nullable ColumnReader reader;
  private int maxDefinitionLevel;
  /** Position in the batch of the value being decoded. */
  int pos;
  /** Text of invalid values by batch position (allocated on the first one). */
  private String @Nullable [] invalid;

  ColumnFeed(CurField field, String column) {
    this.field = field;
    this.column = column;
  }

  /** Attaches the column reader of a new row group (which may bring a new dictionary). */
  final void attach(ColumnReader reader, int maxDefinitionLevel) {
    this.reader = reader;
    this.maxDefinitionLevel = maxDefinitionLevel;
  }

  /** Decodes the next {@code n} values of the column into the batch. */
  final void fill(int n) {
    ColumnReader r = reader;
    int maxDef = maxDefinitionLevel;
    for (pos = 0; pos < n; pos++) {
      if (r.getCurrentDefinitionLevel() == maxDef) {
        r.writeCurrentValueToConverter();
      } else {
        addNull();
      }
      r.consume();
    }
  }

  /** Records a null (an absent optional value) at {@link #pos}. */
  abstract void addNull();

  /** Sets this column's field of the run's current row from batch position {@code i}. */
  abstract void deliver(CurRun run, int i);

  @Override
  public final boolean hasDictionarySupport() {
    return true;
  }

  /** Notes that the value at {@link #pos} is invalid; {@link #deliver} reports it. */
  final void markInvalid(String text) {
    if (invalid == null) {
      invalid = new String[BATCH];
    }
    invalid[pos] = text;
  }

  final String invalidText(int i) {
    return invalid == null || invalid[i] == null ? "" : invalid[i];
  }
}
