package io.offgridflow.inventory;

import io.offgridflow.calc.EmissionResult;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
  private final Group total = new Group();
  private final Map<Integer, ExactSum> scope3ByCategory = new TreeMap<>();
  private final Map<String, Group> bySite = new HashMap<>();
  private final Map<String, Group> byOrgUnit = new HashMap<>();
  private final Map<String, Group> byPeriod = new HashMap<>();
  private final Set<String> datasets = new LinkedHashSet<>();

  InventoryAccumulator() {}

  /** Adds one result to every grouping. */
  public InventoryAccumulator add(EmissionResult r) {
    total.add(r);
    if (r.scope3Category() != 0) {
      scope3ByCategory.computeIfAbsent(r.scope3Category(), k -> new ExactSum()).add(r.co2eKg());
    }
    bySite.computeIfAbsent(r.activity().site(), k -> new Group()).add(r);
    byOrgUnit.computeIfAbsent(r.activity().orgUnit(), k -> new Group()).add(r);
    byPeriod.computeIfAbsent(r.activity().period(), k -> new Group()).add(r);
    datasets.add(r.provenance().datasetId());
    return this;
  }

  /** Adds everything another accumulator holds. */
  public InventoryAccumulator merge(InventoryAccumulator other) {
    total.merge(other.total);
    other.scope3ByCategory.forEach(
        (k, v) -> scope3ByCategory.computeIfAbsent(k, x -> new ExactSum()).addAll(v));
    mergeGroups(bySite, other.bySite);
    mergeGroups(byOrgUnit, other.byOrgUnit);
    mergeGroups(byPeriod, other.byPeriod);
    datasets.addAll(other.datasets);
    return this;
  }

  private static void mergeGroups(Map<String, Group> into, Map<String, Group> from) {
    from.forEach((k, v) -> into.computeIfAbsent(k, x -> new Group()).merge(v));
  }

  /** A snapshot; the accumulator can keep growing afterwards. */
  public Inventory build() {
    Map<Integer, Double> cats = new TreeMap<>();
    scope3ByCategory.forEach((k, v) -> cats.put(k, v.value()));
    return new Inventory(
        total.totals(), cats, snapshot(bySite), snapshot(byOrgUnit), snapshot(byPeriod), datasets);
  }

  private static Map<String, Totals> snapshot(Map<String, Group> groups) {
    Map<String, Totals> out = new TreeMap<>();
    groups.forEach((k, v) -> out.put(k, v.totals()));
    return out;
  }

  /** Exact running sums of one group. */
  private static final class Group {
    private final ExactSum scope1 = new ExactSum();
    private final ExactSum scope2Location = new ExactSum();
    private final ExactSum scope2Market = new ExactSum();
    private final ExactSum scope3 = new ExactSum();
    private final ExactSum biogenic = new ExactSum();
    private long results;

    void add(EmissionResult r) {
      switch (r.scope()) {
        case SCOPE_1 -> scope1.add(r.co2eKg());
        case SCOPE_2 -> {
          scope2Location.add(r.co2eKg());
          scope2Market.add(r.marketCo2eKg());
        }
        case SCOPE_3 -> scope3.add(r.co2eKg());
      }
      biogenic.add(r.gases().biogenicCo2Kg());
      results++;
    }

    void merge(Group o) {
      scope1.addAll(o.scope1);
      scope2Location.addAll(o.scope2Location);
      scope2Market.addAll(o.scope2Market);
      scope3.addAll(o.scope3);
      biogenic.addAll(o.biogenic);
      results += o.results;
    }

    Totals totals() {
      return new Totals(
          scope1.value(), scope2Location.value(), scope2Market.value(), scope3.value(), biogenic.value(), results);
    }
  }
}
