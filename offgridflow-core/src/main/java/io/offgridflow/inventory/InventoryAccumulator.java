package io.offgridflow.inventory;

import io.offgridflow.calc.Activity;
import io.offgridflow.calc.EmissionResult;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Collects emission results into an {@link Inventory}. Sums are exact ({@link ExactSum}), so the
 * inventory is the same whatever the order of {@link #add} calls, and accumulators filled with
 * parts of the input can be {@link #merge merged}. Not thread-safe: use one per thread and merge.
 *
 * <pre>{@code
 * InventoryAccumulator acc = Inventory.accumulator();
 * results.forEach(acc::add);
 * Inventory inventory = acc.build();
 * }</pre>
 */
public final class InventoryAccumulator {
  /**
   * Results are summed into one cell per (site, org unit, period) and rolled up into totals and
   * groupings only in {@link #build()}: one cell update per result instead of one per grouping.
   * Exact sums merge exactly, so the roll-up loses nothing.
   */
  private final Map<CellKey, Cell> cells = new HashMap<>();
  private final Set<String> datasets = new LinkedHashSet<>();
  private CellKey lastKey = new CellKey("", "", "");
  private @org.jspecify.annotations.Nullable Cell lastCell;
  private String lastDataset = "";

  private record CellKey(String site, String orgUnit, String period) {
    // Hand-written for the per-row lookup; see FactorResolver.Key.
    @Override
    public int hashCode() {
      return (31 * site.hashCode() + orgUnit.hashCode()) * 31 + period.hashCode();
    }

    @Override
    public boolean equals(@org.jspecify.annotations.Nullable Object o) {
      return o instanceof CellKey k && site.equals(k.site) && orgUnit.equals(k.orgUnit) && period.equals(k.period);
    }
  }

  InventoryAccumulator() {}

  /** Adds one result. */
  public InventoryAccumulator add(EmissionResult r) {
    cellFor(r.activity()).add(r);
    String dataset = r.provenance().datasetId();
    if (!dataset.equals(lastDataset)) {
      datasets.add(dataset);
      lastDataset = dataset;
    }
    return this;
  }

  private Cell cellFor(Activity a) {
    // Consecutive results usually share site, org unit and period: skip the map lookup then.
    if (lastCell != null && a.site().equals(lastKey.site()) && a.orgUnit().equals(lastKey.orgUnit())
        && a.period().equals(lastKey.period())) {
      return lastCell;
    }
    lastKey = new CellKey(a.site(), a.orgUnit(), a.period());
    lastCell = cells.computeIfAbsent(lastKey, k -> new Cell());
    return lastCell;
  }

  /** Adds everything another accumulator holds. */
  public InventoryAccumulator merge(InventoryAccumulator other) {
    other.cells.forEach((k, v) -> cells.computeIfAbsent(k, x -> new Cell()).merge(v));
    datasets.addAll(other.datasets);
    lastCell = null;
    return this;
  }

  /** A snapshot; the accumulator can keep growing afterwards. */
  public Inventory build() {
    Cell total = new Cell();
    cells.values().forEach(total::merge);
    Map<Integer, Double> categories = new TreeMap<>();
    for (int c = 1; c <= 15; c++) {
      if (total.scope3ByCategory[c] != null) {
        categories.put(c, total.scope3ByCategory[c].value());
      }
    }
    return new Inventory(total.totals(), categories, rollUp(CellKey::site), rollUp(CellKey::orgUnit),
        rollUp(CellKey::period), datasets);
  }

  private Map<String, Totals> rollUp(Function<CellKey, String> dimension) {
    Map<String, Cell> groups = new HashMap<>();
    cells.forEach((k, v) -> groups.computeIfAbsent(dimension.apply(k), x -> new Cell()).merge(v));
    Map<String, Totals> out = new TreeMap<>();
    groups.forEach((k, v) -> out.put(k, v.totals()));
    return out;
  }

  /** Exact running sums of one cell. */
  private static final class Cell {
    private final ExactSum scope1 = new ExactSum();
    private final ExactSum scope2Location = new ExactSum();
    private final ExactSum scope2Market = new ExactSum();
    private final ExactSum scope3 = new ExactSum();
    private final ExactSum biogenic = new ExactSum();
    /** Indexed by category number 1-15; null until the category is used. */
    private final ExactSum[] scope3ByCategory = new ExactSum[16];
    private long results;

    void add(EmissionResult r) {
      double co2e = r.co2eKg();
      switch (r.scope()) {
        case SCOPE_1 -> scope1.add(co2e);
        case SCOPE_2 -> {
          scope2Location.add(co2e);
          scope2Market.add(r.marketCo2eKg());
        }
        case SCOPE_3 -> {
          scope3.add(co2e);
          category(r.scope3Category()).add(co2e);
        }
      }
      biogenic.add(r.gases().biogenicCo2Kg());
      results++;
    }

    private ExactSum category(int c) {
      ExactSum s = scope3ByCategory[c];
      if (s == null) {
        s = new ExactSum();
        scope3ByCategory[c] = s;
      }
      return s;
    }

    void merge(Cell o) {
      scope1.addAll(o.scope1);
      scope2Location.addAll(o.scope2Location);
      scope2Market.addAll(o.scope2Market);
      scope3.addAll(o.scope3);
      biogenic.addAll(o.biogenic);
      for (int c = 1; c <= 15; c++) {
        if (o.scope3ByCategory[c] != null) {
          category(c).addAll(o.scope3ByCategory[c]);
        }
      }
      results += o.results;
    }

    Totals totals() {
      return new Totals(
          scope1.value(), scope2Location.value(), scope2Market.value(), scope3.value(), biogenic.value(), results);
    }
  }

  @Override
  public String toString() {
    return "InventoryAccumulator[" + cells.size() + " cells, " + Objects.toString(datasets) + "]";
  }
}
