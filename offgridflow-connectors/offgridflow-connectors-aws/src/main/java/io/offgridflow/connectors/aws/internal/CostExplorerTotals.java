package io.offgridflow.connectors.aws.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.CloudProvider;
import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.UsageClass;
import io.offgridflow.connectors.aws.CurGroup;
import io.offgridflow.connectors.aws.GroupKey;
import io.offgridflow.connectors.aws.internal.UsageClassifier.Classification;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums per group-by key, and the row accounting; unknown usage is estimated at the end from the
 * kWh per cost of the known groups with the same service and unit (else the same unit), as CCF and
 * the CUR path do. Classification is the CUR path's ({@link UsageClassifier}).
 *
 * <pre>{@code
 * CostExplorerTotals t = new CostExplorerTotals(model, new UsageClassifier(model, true), groupBy);
 * groups.forEach(t::add);
 * List<CurGroup> out = t.finish();
 * }</pre>
 */
public final class CostExplorerTotals {
  private final CcfModel model;
  private final UsageClassifier classifier;
  private final List<GroupKey> groupBy;
  private final Map<List<String>, double[]> sums = new TreeMap<>(CostExplorerTotals::compare);
  private final Map<String, Long> reasons = new TreeMap<>();
  private final long[] byClass = new long[UsageClass.values().length];
  private final Map<String, double[]> knownByServiceUnit = new HashMap<>();
  private final Map<String, double[]> knownByUnit = new HashMap<>();
  private final List<CeGroup> unknown = new ArrayList<>();
  private long read;

  public CostExplorerTotals(CcfModel model, UsageClassifier classifier, List<GroupKey> groupBy) {
    this.model = model;
    this.classifier = classifier;
    this.groupBy = List.copyOf(groupBy);
  }

  /** Classifies and sums one group (unknown usage waits for {@link #finish()}). */
  public void add(CeGroup g) {
    String service = CostExplorerServices.productCode(g.service());
    Classification c = classifier.classify("Usage", service, g.usageType(), g.unit());
    read++;
    byClass[c.primary().ordinal()]++;
    reasons.merge(c.reason(), 1L, Long::sum);
    String region = gridRegion(g.region());
    if (c.estimated()) {
      double kwh = g.amount() * c.kwhPerUnit();
      if (c.perDayOfMonth()) {
        kwh *= daysInMonth(g.periodStart());
      }
      double mem = g.amount() * c.memoryKwhPerUnit();
      double grid = model.gridKgPerKwh(CloudProvider.AWS, region);
      sum(c.primary(), g, service, kwh, kwh * grid, 1);
      if (mem != 0) {
        sum(UsageClass.MEMORY, g, service, mem, mem * grid, groupBy.contains(GroupKey.CLASS) ? 1 : 0);
      }
      if (c.embodiedKgPerUnit() != 0) {
        sum(UsageClass.EMBODIED, g, service, 0, g.amount() * c.embodiedKgPerUnit(),
            groupBy.contains(GroupKey.CLASS) ? 1 : 0);
      }
      known(knownByServiceUnit, service + '|' + g.unit(), kwh + mem, g.cost());
      known(knownByUnit, g.unit(), kwh + mem, g.cost());
    } else if (c.primary() == UsageClass.UNKNOWN) {
      unknown.add(g);
    } else {
      sum(c.primary(), g, service, 0, 0, 1);
    }
  }

  private void known(Map<String, double[]> m, String key, double kwh, double cost) {
    double[] v = m.computeIfAbsent(key, k -> new double[2]);
    v[0] += kwh;
    v[1] += cost;
  }

  /** Estimates the unknown groups and returns every group, sorted by key. */
  public List<CurGroup> finish() {
    for (CeGroup g : unknown) {
      String service = CostExplorerServices.productCode(g.service());
      double[] ratio = knownByServiceUnit.get(service + '|' + g.unit());
      if (ratio == null || ratio[1] == 0) {
        ratio = knownByUnit.get(g.unit());
      }
      double kwh = ratio == null || ratio[1] == 0 ? 0 : ratio[0] / ratio[1] * g.cost();
      sum(UsageClass.UNKNOWN, g, service, kwh, kwh * model.gridKgPerKwh(CloudProvider.AWS, gridRegion(g.region())), 1);
    }
    List<CurGroup> out = new ArrayList<>();
    sums.forEach((k, v) -> out.add(new CurGroup(k, v[0], v[1], (long) v[2])));
    return out;
  }

  /** Groups read = estimated + unknown + unsupported + ignored, with reasons. */
  public RowAccounting accounting() {
    long estimated = byClass[UsageClass.COMPUTE.ordinal()] + byClass[UsageClass.STORAGE.ordinal()]
        + byClass[UsageClass.NETWORKING.ordinal()];
    return new RowAccounting(read, estimated, byClass[UsageClass.UNKNOWN.ordinal()],
        byClass[UsageClass.UNSUPPORTED.ordinal()], byClass[UsageClass.IGNORED.ordinal()], reasons);
  }

  private void sum(UsageClass c, CeGroup g, String service, double kwh, double co2e, long rows) {
    List<String> key = new ArrayList<>(groupBy.size());
    for (GroupKey k : groupBy) {
      key.add(switch (k) {
        case CLASS -> c.key();
        case SERVICE -> service;
        case REGION -> gridRegion(g.region());
        case MONTH -> g.periodStart().substring(0, 7);
        case DAY -> g.periodStart();
        case USAGE_TYPE -> g.usageType();
        case ACCOUNT -> throw new IllegalStateException("rejected by the builder");
      });
    }
    double[] v = sums.computeIfAbsent(List.copyOf(key), x -> new double[3]);
    v[0] += kwh;
    v[1] += co2e;
    v[2] += rows;
  }

  private static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Cost Explorer's pseudo-regions of global services are the CUR's empty region. */
  private static String gridRegion(String ceRegion) {
    return ceRegion.equals("global") || ceRegion.equals("NoRegion") ? "" : ceRegion;
  }

  private static int daysInMonth(String periodStart) {
    try {
      return YearMonth.from(LocalDate.parse(periodStart)).lengthOfMonth();
    } catch (DateTimeException e) {
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, "Cost Explorer period start '" + periodStart
          + "' is not a date such as 2025-01-01");
    }
  }
}
