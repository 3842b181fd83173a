package io.offgridflow.cli;

/**
 * A row that could not be calculated, with where and why: the line it started on, the column and
 * value at fault (empty when the fault is the row as a whole), and what would fix it.
 */
record RowError(long line, String id, String column, String value, String reason) {

  /** {@code line 17: column unit: value 'kwhh': unknown unit ...}; the form used in output files. */
  String message() {
    StringBuilder sb = new StringBuilder(64 + reason.length()).append("line ").append(line).append(": ");
    if (!column.isEmpty()) {
      sb.append("column ").append(column).append(": ");
      sb.append("value '").append(value).append("': ");
    }
    return sb.append(reason).toString();
  }

  /** {@code activities.csv:17: column unit: value 'kwhh': ...}; the form printed to stderr. */
  String message(String fileName) {
    StringBuilder sb = new StringBuilder(64 + reason.length()).append(fileName).append(':').append(line).append(": ");
    if (!column.isEmpty()) {
      sb.append("column ").append(column).append(": ");
      sb.append("value '").append(value).append("': ");
    }
    return sb.append(reason).toString();
  }
}
