package io.offgridflow.connectors.azure;

import java.util.List;

/**
 * Provider-reported emissions of one group, in kg CO2e by GHG Protocol scope, as Microsoft reports
 * them (market-based). Never mixed with the model's estimate.
 *
 * <pre>{@code
 * for (AzureEmissionsGroup g : result.groups()) System.out.println(g.key() + " " + g.totalKg() + " kg");
 * }</pre>
 *
 * @param key one value per group-by key, in the order of {@link AzureEmissionsResult#groupBy()}
 * @param scope1Kg scope 1 (datacentre fuel) kg CO2e
 * @param scope2Kg scope 2 (purchased electricity, market-based) kg CO2e
 * @param scope3Kg scope 3 (embodied: hardware, buildings, transport) kg CO2e
 * @param rows rows that contributed
 */
public record AzureEmissionsGroup(List<String> key, double scope1Kg, double scope2Kg, double scope3Kg, long rows) {
  public AzureEmissionsGroup {
    key = List.copyOf(key);
  }

  /** Scopes 1 + 2 + 3. */
  public double totalKg() {
    return scope1Kg + scope2Kg + scope3Kg;
  }
}
