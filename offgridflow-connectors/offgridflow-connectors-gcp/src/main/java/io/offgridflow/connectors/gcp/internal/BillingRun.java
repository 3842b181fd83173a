package io.offgridflow.connectors.gcp.internal;

import io.offgridflow.cloud.CloudProvider;
import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.UsageClass;
import io.offgridflow.connectors.gcp.BillingGroup;
import io.offgridflow.connectors.gcp.GcpGroupKey;
import io.offgridflow.connectors.gcp.UnknownEstimate;
import io.offgridflow.connectors.gcp.UnknownEstimate.Basis;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The aggregation state of one billing-export sync: group sums, row counts per class and reason,
 * the known rows' kWh ratios and the unknown rows waiting for them. Unknown rows are estimated in
 * {@link #finish()}, once every known row was seen, so the result does not depend on row order.
 * Memory grows with the number of distinct groups, not rows.
 *
 * <pre>{@code
 * BillingRun run = new BillingRun(rules, List.of(GcpGroupKey.CLASS, GcpGroupKey.REGION));
 * rows.forEach(run::add);
 * BillingRun.Outcome o = run.finish();   // groups, accounting, unknown-usage bases
 * }</pre>
 */
public final class BillingRun {
  private final BillingRules rules;
  private final List<GcpGroupKey> groupBy;
  private final Map<List<String>, double[]> groups = new HashMap<>();
  private final Map<UsageClass, Long> rowsByClass = new EnumMap<>(UsageClass.class);
  private final Map<String, Long> reasons = new HashMap<>();
  private final Map<String, double[]> knownByServiceUnit = new HashMap<>();
  private final Map<String, double[]> knownByUnit = new HashMap<>();
  private final double[] knownTotal = new double[2]; // kWh, cost
  private final Map<UnknownKey, double[]> unknown = new HashMap<>();
  private long rowsRead;

  public BillingRun(BillingRules rules, List<GcpGroupKey> groupBy) {
    this.rules = rules;
    this.groupBy = List.copyOf(groupBy);
  }

  /** Counts one row. */
  public void add(BillingRow r) {
    BillingRules.Estimate e = rules.estimate(r);
    rowsRead++;
    rowsByClass.merge(e.usageClass(), 1L, Long::sum);
    if (!e.reason().isEmpty()) {
      reasons.merge(e.reason(), 1L, Long::sum);
    }
    switch (e.usageClass()) {
      case COMPUTE, STORAGE, NETWORKING, MEMORY -> {
        double grid = rules.model().gridKgPerKwh(CloudProvider.GCP, r.region());
        add(key(r, e.usageClass()), e.kwh(), e.kwh() * grid, 1);
        if (e.embodiedKg() > 0) {
          add(key(r, UsageClass.EMBODIED), 0, e.embodiedKg(), 1);
        }
        String su = r.service() + '\0' + e.unit();
        addTo(knownByServiceUnit, su, e.kwh(), e.amount());
        addTo(knownByUnit, e.unit(), e.kwh(), e.amount());
        knownTotal[0] += e.kwh();
        knownTotal[1] += r.cost();
      }
      case UNKNOWN -> {
        double[] u = unknown.computeIfAbsent(new UnknownKey(key(r, UsageClass.UNKNOWN), r.service(), e.unit(),
            r.region()), k -> new double[3]);
        u[0] += e.amount();
        u[1] += r.cost();
        u[2]++;
      }
      default -> add(key(r, e.usageClass()), 0, 0, 1);
    }
  }

  /** Rows counted per class so far (estimated rows by their primary class; embodied is never primary). */
  public Map<UsageClass, Long> rowsByClass() {
    return Map.copyOf(rowsByClass);
  }

  public long rowsRead() {
    return rowsRead;
  }

  private static void addTo(Map<String, double[]> m, String k, double kwh, double amount) {
    double[] a = m.computeIfAbsent(k, x -> new double[2]);
    a[0] += kwh;
    a[1] += amount;
  }

  private void add(List<String> key, double kwh, double co2e, long rows) {
    double[] g = groups.computeIfAbsent(key, k -> new double[3]);
    g[0] += kwh;
    g[1] += co2e;
    g[2] += rows;
  }

  private List<String> key(BillingRow r, UsageClass c) {
    List<String> key = new ArrayList<>(groupBy.size());
    for (GcpGroupKey k : groupBy) {
      key.add(switch (k) {
        case CLASS -> c.key();
        case SERVICE -> r.service();
        case REGION -> r.region();
        case PROJECT -> r.project();
        case MONTH -> YearMonth.from(r.day()).toString();
        case DAY -> r.day().toString();
        case SKU -> r.sku();
      });
    }
    return key;
  }

  /** Estimates the unknown rows and returns the sorted groups, the accounting and the unknown bases. */
  public Outcome finish() {
    Map<String, UnknownAcc> bases = new TreeMap<>();
    for (Map.Entry<UnknownKey, double[]> e : unknown.entrySet()) {
      UnknownKey k = e.getKey();
      double[] u = e.getValue();
      Basis basis;
      double kwh;
      double[] same = knownByServiceUnit.get(k.service + '\0' + k.unit);
      double[] unit = knownByUnit.get(k.unit);
      if (same != null && same[1] != 0) {
        basis = Basis.SAME_SERVICE_AND_UNIT;
        kwh = same[0] / same[1] * u[0];
      } else if (unit != null && unit[1] != 0) {
        basis = Basis.SAME_UNIT;
        kwh = unit[0] / unit[1] * u[0];
      } else if (knownTotal[1] != 0) {
        basis = Basis.COST;
        kwh = knownTotal[0] / knownTotal[1] * u[1];
      } else {
        basis = Basis.NONE;
        kwh = 0;
      }
      double grid = rules.model().gridKgPerKwh(CloudProvider.GCP, k.region);
      add(k.groupKey, kwh, kwh * grid, (long) u[2]);
      UnknownAcc acc = bases.computeIfAbsent(k.service + '\0' + k.unit, x -> new UnknownAcc(k.service, k.unit, basis));
      acc.rows += (long) u[2];
      acc.amount += u[0];
      acc.cost += u[1];
      acc.kwh += kwh;
    }
    Map<List<String>, double[]> sorted = new TreeMap<>(GroupKeys.ORDER);
    sorted.putAll(groups);
    List<BillingGroup> out = new ArrayList<>(sorted.size());
    for (Map.Entry<List<String>, double[]> e : sorted.entrySet()) {
      double[] g = e.getValue();
      out.add(new BillingGroup(e.getKey(), g[0], g[1], (long) g[2]));
    }
    long estimated = count(UsageClass.COMPUTE) + count(UsageClass.STORAGE) + count(UsageClass.NETWORKING)
        + count(UsageClass.MEMORY);
    RowAccounting acc = new RowAccounting(rowsRead, estimated, count(UsageClass.UNKNOWN),
        count(UsageClass.UNSUPPORTED), count(UsageClass.IGNORED), reasons);
    List<UnknownEstimate> unknowns = new ArrayList<>();
    for (UnknownAcc a : bases.values()) {
      unknowns.add(new UnknownEstimate(a.service, a.unit, a.basis, a.rows, a.amount, a.cost, a.kwh));
    }
    return new Outcome(out, acc, unknowns);
  }

  private long count(UsageClass c) {
    return rowsByClass.getOrDefault(c, 0L);
  }

  /** What {@link #finish()} returns. */
  public record Outcome(List<BillingGroup> groups, RowAccounting accounting, List<UnknownEstimate> unknowns) {}

  private record UnknownKey(List<String> groupKey, String service, String unit, String region) {}

  private static final class UnknownAcc {
    final String service;
    final String unit;
    final Basis basis;
    long rows;
    double amount;
    double cost;
    double kwh;

    UnknownAcc(String service, String unit, Basis basis) {
      this.service = service;
      this.unit = unit;
      this.basis = basis;
    }
  }
}
