package io.offgridflow.connectors.gcp;

import java.util.List;

/**
 * Provider-reported emissions of one group, summed from Google's Carbon Footprint export rows, in kg
 * CO2e. Location- and market-based are two views of the same emissions: add one of them to an
 * inventory, never both.
 *
 * <pre>{@code
 * for (CarbonFootprintGroup g : result.groups()) {
 *   System.out.println(g.key() + " " + g.totalMarketBasedKg() + " kg CO2e (market-based)");
 * }
 * }</pre>
 *
 * @param key one value per group-by key, in the order of {@link CarbonFootprintResult#groupBy()}
 * @param scope1Kg {@code carbon_footprint_kgCO2e.scope1}
 * @param scope2LocationBasedKg {@code carbon_footprint_kgCO2e.scope2.location_based}
 * @param scope2MarketBasedKg {@code carbon_footprint_kgCO2e.scope2.market_based}
 * @param scope3Kg {@code carbon_footprint_kgCO2e.scope3}
 * @param totalLocationBasedKg {@code carbon_footprint_total_kgCO2e.location_based}, as Google reports it
 * @param totalMarketBasedKg {@code carbon_footprint_total_kgCO2e.market_based}, as Google reports it
 * @param rows export rows summed
 * @param carbonModelVersions distinct {@code carbon_model_version} values of those rows, sorted
 */
public record CarbonFootprintGroup(List<String> key, double scope1Kg, double scope2LocationBasedKg,
    double scope2MarketBasedKg, double scope3Kg, double totalLocationBasedKg, double totalMarketBasedKg, long rows,
    List<String> carbonModelVersions) {
  public CarbonFootprintGroup {
    key = List.copyOf(key);
    carbonModelVersions = List.copyOf(carbonModelVersions);
  }
}
