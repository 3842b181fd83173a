package io.offgridflow.cli;

import io.offgridflow.calc.Scope;
import io.offgridflow.calc.Scope3Categories;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.inventory.Inventory;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Human-readable summaries: totals by scope, in tonnes CO2e. */
final class Report {
  private Report() {}

  /** The summary printed after {@code calculate}. */
  static void summary(
      PrintWriter w, String input, @Nullable String output, CalculationRun.Outcome o, GwpSet gwp, double seconds) {
    w.printf(Locale.ROOT, "%s: %,d rows read, %,d ok, %,d failed%s%n",
        input, o.rowsRead(), o.ok(), o.failed(),
        o.stoppedAtLine() > 0 ? " (--fail-fast: stopped at line " + o.stoppedAtLine() + ")" : "");
    if (output != null) {
      w.printf(Locale.ROOT, "results: %s%n", output);
    }
    w.printf(Locale.ROOT, "time: %.2f s (%,.0f rows/s)%n", seconds, seconds > 0 ? o.rowsRead() / seconds : 0.0);
    w.println();
    scopeTable(w, o.inventory(), gwp, false);
    w.println();
    w.println("datasets: " + (o.inventory().datasetsUsed().isEmpty() ? "(none)" : String.join(", ", new java.util.TreeSet<>(o.inventory().datasetsUsed()))));
    if (o.failed() > 0) {
      w.printf(Locale.ROOT, "%n%,d row%s failed: see the messages on stderr and the status=error rows%s.%n",
          o.failed(), o.failed() == 1 ? "" : "s", output != null ? " in " + output : "");
    }
  }

  /**
   * Totals by scope with Scope 2 location- and market-based side by side; Scope 1 and 3 are the
   * same under both methods.
   */
  static void scopeTable(PrintWriter w, Inventory inv, GwpSet gwp, boolean byCategory) {
    double s1 = inv.totalKg(Scope.SCOPE_1);
    double s2l = inv.scope2LocationKg();
    double s2m = inv.scope2MarketKg();
    double s3 = inv.totalKg(Scope.SCOPE_3);
    String row = "%-46s %16s %16s%n";
    w.printf(Locale.ROOT, row, "t CO2e (GWP " + gwp.name() + ")", "location-based", "market-based");
    w.printf(Locale.ROOT, row, "Scope 1  direct emissions", t(s1), t(s1));
    w.printf(Locale.ROOT, row, "Scope 2  purchased energy", t(s2l), t(s2m));
    w.printf(Locale.ROOT, row, "Scope 3  value chain", t(s3), t(s3));
    if (byCategory) {
      for (Map.Entry<Integer, Double> e : inv.scope3ByCategoryKg().entrySet()) {
        String label = "           " + e.getKey() + " " + Scope3Categories.name(e.getKey());
        w.printf(Locale.ROOT, row, label, t(e.getValue()), t(e.getValue()));
      }
    }
    w.printf(Locale.ROOT, row, "Total", t(s1 + s2l + s3), t(s1 + s2m + s3));
    w.printf(Locale.ROOT, row, "Biogenic CO2 (reported outside the scopes)", t(inv.biogenicCo2Kg()), "");
  }

  static String t(double kg) {
    return String.format(Locale.ROOT, "%,.3f", kg / 1000.0);
  }
}
