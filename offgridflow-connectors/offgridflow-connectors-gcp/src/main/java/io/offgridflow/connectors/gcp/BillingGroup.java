package io.offgridflow.connectors.gcp;

import java.util.List;

/**
 * Estimated energy and emissions of one billing-export group.
 *
 * <pre>{@code
 * for (BillingGroup g : result.groups()) System.out.println(g.key() + " " + g.kwh() + " kWh");
 * }</pre>
 *
 * @param key one value per group-by key, in the order of {@link BillingExportResult#groupBy()}
 * @param kwh operational energy (PUE and replication included)
 * @param co2eKg kg CO2e: kWh x the region's grid factor, plus embodied emissions
 * @param rows export rows that contributed (a compute row contributes to compute and embodied)
 */
public record BillingGroup(List<String> key, double kwh, double co2eKg, long rows) {
  public BillingGroup {
    key = List.copyOf(key);
  }
}
