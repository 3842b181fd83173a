package io.offgridflow.connectors.azure;

import java.util.List;

/**
 * Emissions Microsoft reports for a customer's Azure usage, per group and scope, in kg CO2e. This
 * is a separate figure from {@link AzureCostResult}: the provider's own market-based accounting,
 * not OffGridFlow's location-based model estimate, and the two must never be added together.
 *
 * <pre>{@code
 * AzureEmissionsResult r = emissions.sync(SyncContext.builder().build());
 * r.basis();          // "market-based"
 * r.scope2Kg();       // as Microsoft reports it, converted to kg
 * }</pre>
 *
 * @param provenance where the numbers come from ({@value AzureEmissionsConnector#PROVENANCE})
 * @param basis the scope 2 method: {@value AzureEmissionsConnector#BASIS}
 * @param groupBy the group-by keys, in column order
 * @param groups groups sorted by key
 * @param rowsRead data rows read (every row contributes to exactly one group)
 * @param sources per-file outcomes
 * @param scope1Kg total scope 1
 * @param scope2Kg total scope 2
 * @param scope3Kg total scope 3
 */
public record AzureEmissionsResult(String provenance, String basis, List<AzureGroupKey> groupBy,
    List<AzureEmissionsGroup> groups, long rowsRead, List<SourceOutcome> sources, double scope1Kg, double scope2Kg,
    double scope3Kg) {
  public AzureEmissionsResult {
    groupBy = List.copyOf(groupBy);
    groups = List.copyOf(groups);
    sources = List.copyOf(sources);
  }

  /** Scopes 1 + 2 + 3, kg CO2e. */
  public double totalKg() {
    return scope1Kg + scope2Kg + scope3Kg;
  }
}
