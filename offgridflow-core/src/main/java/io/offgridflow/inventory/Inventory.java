package io.offgridflow.inventory;

import io.offgridflow.calc.Scope;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Totals of a set of emission results: by scope (Scope 2 location- and market-based side by
 * side), by Scope 3 category, by site, org unit and period. Immutable. Totals are exact and
 * independent of input order (see {@link ExactSum}).
 *
 * <pre>{@code
 * Inventory inv = Inventory.of(results);
 * inv.totals().scope1Kg();
 * inv.scope2LocationKg();  inv.scope2MarketKg();
 * inv.scope3ByCategoryKg().get(6);   // business travel
 * inv.bySite().get("Portland").marketBasedTotalKg();
 * }</pre>
 */
public final class Inventory {
  private final Totals totals;
  private final SortedMap<Integer, Double> scope3ByCategory;
  private final Map<String, Totals> bySite;
  private final Map<String, Totals> byOrgUnit;
  private final Map<String, Totals> byPeriod;
  private final Set<String> datasets;

  Inventory(
      Totals totals,
      Map<Integer, Double> scope3ByCategory,
      Map<String, Totals> bySite,
      Map<String, Totals> byOrgUnit,
      Map<String, Totals> byPeriod,
      Set<String> datasets) {
    this.totals = totals;
    this.scope3ByCategory = Collections.unmodifiableSortedMap(new TreeMap<>(scope3ByCategory));
    this.bySite = Collections.unmodifiableMap(new TreeMap<>(bySite));
    this.byOrgUnit = Collections.unmodifiableMap(new TreeMap<>(byOrgUnit));
    this.byPeriod = Collections.unmodifiableMap(new TreeMap<>(byPeriod));
    this.datasets = Collections.unmodifiableSet(new LinkedHashSet<>(datasets));
  }

  public static InventoryAccumulator accumulator() {
    return new InventoryAccumulator();
  }

  /** An inventory of these results. */
  public static Inventory of(Iterable<io.offgridflow.calc.EmissionResult> results) {
    InventoryAccumulator acc = accumulator();
    results.forEach(acc::add);
    return acc.build();
  }

  public Totals totals() {
    return totals;
  }

  /** CO2e of one scope; Scope 2 is location-based here (see {@link #scope2MarketKg()}). */
  public double totalKg(Scope scope) {
    return switch (scope) {
      case SCOPE_1 -> totals.scope1Kg();
      case SCOPE_2 -> totals.scope2LocationKg();
      case SCOPE_3 -> totals.scope3Kg();
    };
  }

  public double scope2LocationKg() {
    return totals.scope2LocationKg();
  }

  public double scope2MarketKg() {
    return totals.scope2MarketKg();
  }

  /** Scope 3 CO2e by category number (1-15); categories with no results are absent. */
  public SortedMap<Integer, Double> scope3ByCategoryKg() {
    return scope3ByCategory;
  }

  public double biogenicCo2Kg() {
    return totals.biogenicCo2Kg();
  }

  public long resultCount() {
    return totals.results();
  }

  /** Totals per site; results without a site are under the empty string. */
  public Map<String, Totals> bySite() {
    return bySite;
  }

  /** Totals per org unit; results without one are under the empty string. */
  public Map<String, Totals> byOrgUnit() {
    return byOrgUnit;
  }

  /** Totals per reporting period label (the activity year unless a period was given). */
  public Map<String, Totals> byPeriod() {
    return byPeriod;
  }

  /** Ids of the datasets the results used, in first-use order. */
  public Set<String> datasetsUsed() {
    return datasets;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Inventory i
        && i.totals.equals(totals)
        && i.scope3ByCategory.equals(scope3ByCategory)
        && i.bySite.equals(bySite)
        && i.byOrgUnit.equals(byOrgUnit)
        && i.byPeriod.equals(byPeriod)
        && i.datasets.equals(datasets);
  }

  @Override
  public int hashCode() {
    return totals.hashCode();
  }

  @Override
  public String toString() {
    return "Inventory" + totals;
  }
}
