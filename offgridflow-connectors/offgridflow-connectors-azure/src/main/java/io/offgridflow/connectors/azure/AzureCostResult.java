package io.offgridflow.connectors.azure;

import io.offgridflow.cloud.RowAccounting;
import java.util.List;

/**
 * The outcome of a cost-export sync: the model's estimate per group, where every row went, and
 * what happened to each export file.
 *
 * <pre>{@code
 * AzureCostResult r = connector.sync(SyncContext.builder().build());
 * r.totalKwh(); r.totalCo2eKg(); r.accounting().reasons();
 * }</pre>
 *
 * @param methodology the energy model's methodology id, e.g. {@code ccf-2024} (location-based, cloud-estimated)
 * @param groupBy the group-by keys, in column order
 * @param groups groups sorted by key
 * @param accounting rows read = estimated + unknown + unsupported + ignored, with a count per reason
 * @param sources per-file outcomes, older runs included
 * @param totalKwh sum of kWh over all groups
 * @param totalCo2eKg sum of kg CO2e over all groups
 */
public record AzureCostResult(String methodology, List<AzureGroupKey> groupBy, List<AzureCostGroup> groups,
    RowAccounting accounting, List<SourceOutcome> sources, double totalKwh, double totalCo2eKg) {
  public AzureCostResult {
    groupBy = List.copyOf(groupBy);
    groups = List.copyOf(groups);
    sources = List.copyOf(sources);
  }
}
