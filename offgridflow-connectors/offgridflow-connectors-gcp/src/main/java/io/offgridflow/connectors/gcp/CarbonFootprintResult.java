package io.offgridflow.connectors.gcp;

import java.util.List;

/**
 * The outcome of a Carbon Footprint export sync: provider-reported emissions per group, the totals
 * over the partitions read, and what happened to each usage month.
 *
 * <pre>{@code
 * CarbonFootprintResult r = connector.sync(SyncContext.builder().stateStore(store).build());
 * r.total().totalLocationBasedKg();   // Google's location-based total of the months read
 * r.partitions();                      // COUNTED, SKIPPED_ALREADY_COUNTED or SUPERSEDED per month
 * }</pre>
 *
 * @param table the export table read
 * @param method always {@code provider-reported}: Google's numbers, not this SDK's model
 * @param groupBy the group-by keys, in column order
 * @param groups groups sorted by key
 * @param total the sum of every group (its key is empty)
 * @param partitions per-month outcomes, in month order
 * @param rowsRead export rows read in this sync (skipped months read no rows)
 */
public record CarbonFootprintResult(String table, String method, List<GcpGroupKey> groupBy,
    List<CarbonFootprintGroup> groups, CarbonFootprintGroup total, List<PartitionOutcome> partitions, long rowsRead) {
  /** The value of {@link #method()}. */
  public static final String PROVIDER_REPORTED = "provider-reported";

  public CarbonFootprintResult {
    groupBy = List.copyOf(groupBy);
    groups = List.copyOf(groups);
    partitions = List.copyOf(partitions);
  }
}
