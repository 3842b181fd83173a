package io.offgridflow.factors.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;

/**
 * One data row of a {@link CsvTable}, with typed accessors whose errors name the resource, line,
 * column and value.
 */
final class CsvRow {
  /**
   * The extracts carry binary floating-point artefacts such as {@code 0.022000000000000002}; no
   * publisher prints 17 significant digits, so values are read at 15 significant digits.
   */
  private static final MathContext PUBLISHED_DIGITS = new MathContext(15);

  private final String resource;
  private final Map<String, Integer> index;
  private final CsvReader.Record record;

  CsvRow(String resource, Map<String, Integer> index, CsvReader.Record record) {
    this.resource = resource;
    this.index = index;
    this.record = record;
  }

  int line() {
    return record.line();
  }

  String resource() {
    return resource;
  }

  /** {@code resource:line}, for provenance strings and messages. */
  String where() {
    return resource + ":" + record.line();
  }

  /** The trimmed text of a column; may be empty. */
  String text(String column) {
    return record.text(column(column)).trim();
  }

  /** Whether the column is empty, without decoding it. */
  boolean isEmptyRaw(String column) {
    return record.isEmpty(column(column));
  }

  private int column(String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw CsvReader.fail(resource, record.line(), "no column '" + column + "' in this file");
    }
    return i;
  }

  /** The non-empty text of a column. */
  String required(String column) {
    String v = text(column);
    if (v.isEmpty()) {
      throw CsvReader.fail(resource, record.line(), column + " '' is empty; a value is required");
    }
    return v;
  }

  /** A required decimal number, as printed and as a double. */
  Num number(String column) {
    String raw = text(column);
    if (raw.isEmpty()) {
      throw CsvReader.fail(resource, record.line(), column + " '' is empty; a number is required");
    }
    return parse(column, raw);
  }

  /** An integer column, e.g. a year. */
  int integer(String column) {
    String raw = required(column);
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw CsvReader.fail(resource, record.line(), column + " '" + raw + "' is not an integer");
    }
  }

  /** An exact decimal column (e.g. an index value kept as BigDecimal). */
  BigDecimal decimal(String column) {
    String raw = required(column);
    try {
      return new BigDecimal(raw);
    } catch (NumberFormatException e) {
      throw CsvReader.fail(resource, record.line(), column + " '" + raw + "' is not a number");
    }
  }

  private Num parse(String column, String raw) {
    BigDecimal d;
    try {
      d = new BigDecimal(raw);
    } catch (NumberFormatException e) {
      throw CsvReader.fail(resource, record.line(), column + " '" + raw + "' is not a number");
    }
    String text = raw;
    if (d.precision() > PUBLISHED_DIGITS.getPrecision()) {
      d = d.round(PUBLISHED_DIGITS).stripTrailingZeros();
      text = d.toString();
    }
    double v = d.doubleValue();
    if (!Double.isFinite(v) || v < 0) {
      throw CsvReader.fail(resource, record.line(), column + " '" + raw + "' is not a finite non-negative number");
    }
    return new Num(text, v);
  }

  /**
   * A number as the publisher printed it and its value.
   *
   * @param text the digits as printed (float artefacts trimmed), for {@code published()} strings
   */
  record Num(String text, double value) {
    @Override
    public String toString() {
      return text;
    }
  }
}
