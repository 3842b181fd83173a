package io.offgridflow.connectors.aws;

import io.offgridflow.cloud.RowAccounting;
import java.util.List;

/**
 * The outcome of a Cost Explorer sync: totals per group, where every Cost Explorer group went, and
 * what happened to each time period.
 *
 * <pre>{@code
 * CostExplorerResult r = costExplorer.sync(SyncContext.builder().stateStore(store).build());
 * r.totalKwh(); r.accounting().reasons(); r.periods();
 * }</pre>
 *
 * @param methodology the energy model's methodology id, e.g. {@code ccf-2024}
 * @param groupBy the group-by keys, in column order
 * @param groups groups sorted by key; {@link CurGroup#rows()} counts Cost Explorer groups
 * @param accounting Cost Explorer groups read = estimated + unknown + unsupported + ignored, with reasons
 * @param periods per time period (day or month) outcomes; the source is {@code start/end}
 * @param totalKwh sum of kWh over all groups
 * @param totalCo2eKg sum of kg CO2e over all groups
 * @param requests Cost Explorer API calls made (each is billed by AWS)
 */
public record CostExplorerResult(String methodology, List<GroupKey> groupBy, List<CurGroup> groups,
    RowAccounting accounting, List<SourceOutcome> periods, double totalKwh, double totalCo2eKg, int requests) {
  public CostExplorerResult {
    groupBy = List.copyOf(groupBy);
    groups = List.copyOf(groups);
    periods = List.copyOf(periods);
  }
}
