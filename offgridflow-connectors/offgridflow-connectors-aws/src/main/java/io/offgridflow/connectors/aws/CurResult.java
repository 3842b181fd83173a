package io.offgridflow.connectors.aws;

import io.offgridflow.cloud.RowAccounting;
import java.util.List;

/**
 * The outcome of a CUR sync: totals per group, where every row went, and what happened to each file.
 *
 * <pre>{@code
 * CurResult r = connector.sync(SyncContext.builder().build());
 * r.totalKwh(); r.totalCo2eKg(); r.accounting().reasons();
 * }</pre>
 *
 * @param methodology the energy model's methodology id, e.g. {@code ccf-2024}
 * @param groupBy the group-by keys, in column order
 * @param groupByTags the tag keys grouped by after {@code groupBy}, in {@link CurGroup#tags()} order
 * @param groups groups sorted by key
 * @param accounting rows read = estimated + unknown + unsupported + ignored, with reasons
 * @param sources per-file outcomes
 * @param totalKwh sum of kWh over all groups
 * @param totalCo2eKg sum of kg CO2e over all groups
 * @param uncompressedBytes bytes of CSV parsed after decompression (for throughput figures)
 */
public record CurResult(String methodology, List<GroupKey> groupBy, List<String> groupByTags, List<CurGroup> groups,
    RowAccounting accounting, List<SourceOutcome> sources, double totalKwh, double totalCo2eKg, long uncompressedBytes) {
  public CurResult {
    groupBy = List.copyOf(groupBy);
    groupByTags = List.copyOf(groupByTags);
    groups = List.copyOf(groups);
    sources = List.copyOf(sources);
  }

  /** A result without tag grouping. */
  public CurResult(String methodology, List<GroupKey> groupBy, List<CurGroup> groups, RowAccounting accounting,
      List<SourceOutcome> sources, double totalKwh, double totalCo2eKg, long uncompressedBytes) {
    this(methodology, groupBy, List.of(), groups, accounting, sources, totalKwh, totalCo2eKg, uncompressedBytes);
  }
}
