package io.offgridflow.connectors.azure;

import java.util.List;

/**
 * Totals of one aggregation group of a cost-export sync.
 *
 * <pre>{@code
 * for (AzureCostGroup g : result.groups()) System.out.println(g.key() + " " + g.kwh() + " kWh");
 * }</pre>
 *
 * @param key one value per group-by key, in the order of {@link AzureCostResult#groupBy()}
 * @param kwh operational energy (PUE included)
 * @param co2eKg kg CO2e: kWh x region grid factor, plus embodied emissions
 * @param rows export rows that contributed (a VM row contributes to compute, memory and embodied)
 */
public record AzureCostGroup(List<String> key, double kwh, double co2eKg, long rows) {
  public AzureCostGroup {
    key = List.copyOf(key);
  }
}
