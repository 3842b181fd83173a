package io.offgridflow.connectors.gcp;

import io.offgridflow.cloud.RowAccounting;
import java.util.List;

/**
 * The outcome of a billing-export sync: estimated kWh and kg CO2e per group, where every row went,
 * how unknown usage was estimated and what happened to each usage day.
 *
 * <pre>{@code
 * BillingExportResult r = connector.sync(SyncContext.builder().stateStore(store).build());
 * r.totalKwh(); r.totalCo2eKg(); r.accounting().reasons();
 * }</pre>
 *
 * @param table the export table read
 * @param methodology the energy model's methodology id, e.g. {@code ccf-2024}
 * @param groupBy the group-by keys, in column order
 * @param groups groups sorted by key
 * @param accounting rows read = estimated + unknown + unsupported + ignored, with reasons
 * @param unknownEstimates how unknown usage was estimated, per service and unit
 * @param partitions per-day outcomes, in day order
 * @param totalKwh sum of kWh over all groups
 * @param totalCo2eKg sum of kg CO2e over all groups
 */
public record BillingExportResult(String table, String methodology, List<GcpGroupKey> groupBy,
    List<BillingGroup> groups, RowAccounting accounting, List<UnknownEstimate> unknownEstimates,
    List<PartitionOutcome> partitions, double totalKwh, double totalCo2eKg) {
  public BillingExportResult {
    groupBy = List.copyOf(groupBy);
    groups = List.copyOf(groups);
    unknownEstimates = List.copyOf(unknownEstimates);
    partitions = List.copyOf(partitions);
  }
}
