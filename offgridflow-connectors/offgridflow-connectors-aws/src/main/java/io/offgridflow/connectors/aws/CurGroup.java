package io.offgridflow.connectors.aws;

import java.util.List;

/**
 * Totals of one aggregation group.
 *
 * <pre>{@code
 * for (CurGroup g : result.groups()) System.out.println(g.key() + " " + g.tags() + " " + g.kwh() + " kWh");
 * }</pre>
 *
 * @param key one value per group-by key, in the order of {@link CurResult#groupBy()}
 * @param tags one value per tag key, in the order of {@link CurResult#groupByTags()}; the empty
 *     string for rows without the tag (empty when no tags were asked for)
 * @param kwh operational energy (PUE included)
 * @param co2eKg kg CO2e: kWh x region grid factor, plus embodied emissions
 * @param rows CUR rows that contributed (a compute row contributes to compute, memory and embodied)
 */
public record CurGroup(List<String> key, List<String> tags, double kwh, double co2eKg, long rows) {
  public CurGroup {
    key = List.copyOf(key);
    tags = List.copyOf(tags);
  }

  /** A group of a run without tag grouping. */
  public CurGroup(List<String> key, double kwh, double co2eKg, long rows) {
    this(key, List.of(), kwh, co2eKg, rows);
  }
}
