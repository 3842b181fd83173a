package io.offgridflow.factors.internal;

import java.util.List;
import java.util.Map;

/**
 * A parsed CSV file: its header and its data rows, each knowing its line.
 *
 * @param resource where the text came from, used in error messages
 */
record CsvTable(String resource, List<String> header, Map<String, Integer> index, List<CsvRow> rows) {

  /**
   * Fails naming the missing column when the header lacks any of {@code columns}, so a changed
   * upstream layout is caught at the header rather than as a confusing error on row 2.
   */
  CsvTable requireColumns(String... columns) {
    for (String c : columns) {
      if (!index.containsKey(c)) {
        throw CsvReader.fail(resource, 1, "missing column '" + c + "'; the header has " + header);
      }
    }
    return this;
  }
}
