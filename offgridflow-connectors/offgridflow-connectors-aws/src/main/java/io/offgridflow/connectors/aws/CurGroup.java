package io.offgridflow.connectors.aws;

import java.util.List;

/**
 * Totals of one aggregation group.
 *
 * <pre>{@code
 * for (CurGroup g : result.groups()) System.out.println(g.key() + " " + g.kwh() + " kWh");
 * }</pre>
 *
 * @param key one value per group-by key, in the order of {@link CurResult#groupBy()}
 * @param kwh operational energy (PUE included)
 * @param co2eKg kg CO2e: kWh x region grid factor, plus embodied emissions
 * @param rows CUR rows that contributed (a compute row contributes to compute, memory and embodied)
 */
public record CurGroup(List<String> key, double kwh, double co2eKg, long rows) {
  public CurGroup {
    key = List.copyOf(key);
  }
}
