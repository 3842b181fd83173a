package io.offgridflow.cli;

import io.offgridflow.cloud.RowAccounting;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the cloud commands ({@code cur}, {@code cost-explorer}) print per group: one row per group
 * with its key columns, kWh, kg CO2e and rows read, as an aligned table for people or as CSV for
 * tools, and the totals with the row accounting underneath.
 *
 * <pre>{@code
 * GroupReport report = new GroupReport(List.of("service", "region"), rows);
 * report.printTable(out, column -> "-");
 * }</pre>
 *
 * @param columns the key columns, in order
 * @param rows one per group; each row's cells follow {@code columns}
 */
record GroupReport(List<String> columns, List<Row> rows) {

  /** One group: its key cells ("" where a key has no value), kWh, kg CO2e and rows read. */
  record Row(List<String> cells, double kwh, double co2eKg, long rows) {}

  /** What an empty cell of a column shows in the table (the CSV keeps it empty). */
  interface EmptyCell {
    String of(int column);
  }

  /**
   * Writes the groups to {@code output} as CSV, or without one prints them to {@code out} as a table.
   *
   * @return false, after telling {@code err} (prefixed with {@code command}), if the file could not be written
   */
  boolean emit(@Nullable Path output, PrintWriter out, PrintWriter err, String command, EmptyCell empty) {
    if (output == null) {
      printTable(out, empty);
      return true;
    }
    try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      writeCsv(w);
      return true;
    } catch (IOException e) {
      err.println(command + "cannot write " + output + ": " + e.getMessage());
      err.flush();
      return false;
    }
  }

  /** The key columns, then {@code kwh,co2e_kg,rows}; numbers with {@link #num}. */
  void writeCsv(Writer w) throws IOException {
    List<String> head = new ArrayList<>(columns);
    head.add("kwh");
    head.add("co2e_kg");
    head.add("rows");
    w.write(String.join(",", head));
    w.write('\n');
    for (Row r : rows) {
      StringBuilder sb = new StringBuilder();
      for (String v : r.cells()) {
        sb.append(csv(v)).append(',');
      }
      sb.append(num(r.kwh())).append(',').append(num(r.co2eKg())).append(',').append(r.rows()).append('\n');
      w.write(sb.toString());
    }
  }

  /** The groups as a table, key columns padded to their widest cell. */
  void printTable(PrintWriter out, EmptyCell empty) {
    List<List<String>> cells = new ArrayList<>();
    for (Row r : rows) {
      List<String> v = new ArrayList<>(r.cells());
      for (int i = 0; i < v.size(); i++) {
        if (v.get(i).isEmpty()) {
          v.set(i, empty.of(i));
        }
      }
      cells.add(v);
    }
    int[] width = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      width[i] = columns.get(i).length();
      for (List<String> v : cells) {
        width[i] = Math.max(width[i], v.get(i).length());
      }
    }
    StringBuilder h = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      h.append(pad(columns.get(i), width[i])).append("  ");
    }
    out.printf(Locale.ROOT, "%s%16s %16s %10s%n", h, "kWh", "kg CO2e", "rows");
    for (int n = 0; n < rows.size(); n++) {
      Row r = rows.get(n);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < columns.size(); i++) {
        sb.append(pad(cells.get(n).get(i), width[i])).append("  ");
      }
      out.printf(Locale.ROOT, "%s%16.6f %16.6f %10d%n", sb, r.kwh(), r.co2eKg(), r.rows());
    }
  }

  /** The run's totals, its methodology, and how every row read was accounted for, with the reasons. */
  static void printTotals(PrintWriter out, double kwh, double co2eKg, String methodology, RowAccounting a) {
    out.printf(Locale.ROOT, "%nTotal: %.6f kWh, %.6f kg CO2e (%s)%n", kwh, co2eKg, methodology);
    out.printf(Locale.ROOT, "Rows: read %d = estimated %d + unknown %d + unsupported %d + ignored %d%n",
        a.read(), a.estimated(), a.unknown(), a.unsupported(), a.ignored());
    for (Map.Entry<String, Long> e : a.reasons().entrySet()) {
      out.printf(Locale.ROOT, "  %10d  %s%n", e.getValue(), e.getKey());
    }
  }

  /** Ten significant digits, plain notation: enough for audit, stable for diffs. */
  static String num(double d) {
    if (d == 0) {
      return "0";
    }
    if (!Double.isFinite(d)) {
      return Double.toString(d); // NaN or Infinity: printed, not an internal error
    }
    return new BigDecimal(d).round(new MathContext(10)).stripTrailingZeros().toPlainString();
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : s + " ".repeat(w - s.length());
  }

  private static String csv(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
