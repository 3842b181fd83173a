package io.offgridflow.inventory;

/**
 * CO2e totals of a group of results, in kg. Scope 2 is given both ways; the two grand totals
 * follow the GHG Protocol's dual reporting.
 *
 * @param scope1Kg direct emissions
 * @param scope2LocationKg Scope 2, location-based
 * @param scope2MarketKg Scope 2, market-based
 * @param scope3Kg value-chain emissions, all categories
 * @param biogenicCo2Kg biogenic CO2, reported outside the scopes
 * @param results how many results were added
 */
public record Totals(
    double scope1Kg,
    double scope2LocationKg,
    double scope2MarketKg,
    double scope3Kg,
    double biogenicCo2Kg,
    long results) {

  /** Scope 1 + location-based Scope 2 + Scope 3, summed exactly. */
  public double locationBasedTotalKg() {
    return exact(scope1Kg, scope2LocationKg, scope3Kg);
  }

  /** Scope 1 + market-based Scope 2 + Scope 3, summed exactly. */
  public double marketBasedTotalKg() {
    return exact(scope1Kg, scope2MarketKg, scope3Kg);
  }

  private static double exact(double a, double b, double c) {
    ExactSum s = new ExactSum();
    s.add(a);
    s.add(b);
    s.add(c);
    return s.value();
  }
}
