package io.offgridflow.connectors.gcp.internal;

import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Typed reads of one result row by column alias. A bad value fails with the table, the row number
 * in the result, the partition it belongs to, the export's column path and the value, so the
 * message says what to fix.
 *
 * <pre>{@code
 * Cells c = new Cells(table, row, rowNumber, "usage day 2025-01-31");
 * double amount = c.number(new Cells.Column("usage.amount", "usage_amount"));
 * }</pre>
 */
public final class Cells {
  private final ExportTable table;
  private final FieldValueList row;
  private final long rowNumber;
  private final String partition;

  public Cells(ExportTable table, FieldValueList row, long rowNumber, String partition) {
    this.table = table;
    this.row = row;
    this.rowNumber = rowNumber;
    this.partition = partition;
  }

  /** A string column; SQL NULL reads as "". */
  public String text(Column c) {
    FieldValue v = value(c);
    return v.isNull() ? "" : v.getStringValue();
  }

  /** A FLOAT64 column that must hold a finite number. */
  public double number(Column c) {
    FieldValue v = value(c);
    if (v.isNull()) {
      throw bad(c, "NULL", "is missing; the export always fills it, so the row is not from this export");
    }
    String s = v.getStringValue();
    try {
      double d = Double.parseDouble(s);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below with the value
    }
    throw bad(c, s, "is not a finite number");
  }

  /** A DATE column. */
  public LocalDate date(Column c) {
    FieldValue v = value(c);
    String s = v.isNull() ? "NULL" : v.getStringValue();
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw bad(c, s, "is not a date (yyyy-MM-dd)");
    }
  }

  private FieldValue value(Column c) {
    try {
      return row.get(c.alias());
    } catch (IllegalArgumentException e) {
      throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, where() + ": the result has no column "
          + c.path() + " (alias " + c.alias() + ")", e);
    }
  }

  private OffGridFlowException bad(Column c, String value, String problem) {
    return new OffGridFlowException(CloudErrorCode.INVALID_BILL, where() + ", column " + c.path() + ": value '"
        + value + "' " + problem);
  }

  private String where() {
    return "table " + table + ", row " + rowNumber + " (partition " + partition + ")";
  }

  /**
   * A selected column: the export's own path (as named in Google's schema) and the flat alias the
   * connector's SQL gives it.
   */
  public record Column(String path, String alias) {
    /** {@code path AS alias}, for the SELECT list. */
    public String select() {
      return path + " AS " + alias;
    }
  }
}
