package io.offgridflow.cli;

import org.jspecify.annotations.Nullable;

/**
 * One data record of an activity file as read: its starting line, how many fields it had, and the
 * trimmed text of each known column (null when empty or absent).
 */
final class RawRow {
  final long line;
  final int fieldCount;
  final @Nullable String[] values;

  RawRow(long line, int fieldCount, @Nullable String[] values) {
    this.line = line;
    this.fieldCount = fieldCount;
    this.values = values;
  }

  @Nullable String get(Column c) {
    return values[c.ordinal()];
  }
}
