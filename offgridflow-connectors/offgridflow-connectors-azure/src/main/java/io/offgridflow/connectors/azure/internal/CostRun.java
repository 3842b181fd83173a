package io.offgridflow.connectors.azure.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.CloudProvider;
import io.offgridflow.cloud.UsageClass;
import io.offgridflow.connectors.azure.AzureCostGroup;
import io.offgridflow.connectors.azure.AzureGroupKey;
import io.offgridflow.connectors.azure.CostExportSchema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sync's state across its files: the rule cache, the group sums and the unknown-usage rows
 * waiting for the ratios of known rows. Rows are processed as they are parsed, so memory depends
 * on distinct rule shapes and groups, not on rows.
 *
 * <pre>{@code
 * CostRun run = new CostRun(model, groupBy, true);
 * run.read(store, object, ticker);    // per file
 * List<AzureCostGroup> groups = run.finish();
 * }</pre>
 */
public final class CostRun {
  private static final int TICK_EVERY = 4096;
  private static final String SUBSCRIPTIONS = "/subscriptions/";

  private final CcfModel model;
  private final AzureUsageLists lists;
  private final CostRules rules;
  private final List<AzureGroupKey> groupBy;
  private final int classSlot;
  private final Map<String, Rule> ruleByShape = new HashMap<>();
  private final List<Rule> allRules = new ArrayList<>();
  private final Groups<double[]> groups = new Groups<>(() -> new double[3]);
  private final Map<Rule, Groups<double[]>> unknownByRule = new HashMap<>();
  private final Map<String, Double> gridByRegion = new HashMap<>();
  // An export has a few dozen distinct dates and locations: parse each once, not once per row.
  private final Map<String, LocalDate> dates = new HashMap<>();
  private final Map<String, String> regions = new HashMap<>();
  private final String[] key;
  private long rowsRead;

  public CostRun(CcfModel model, List<AzureGroupKey> groupBy, boolean embodied) {
    this.model = model;
    this.lists = AzureUsageLists.load();
    this.rules = new CostRules(model, lists, embodied);
    this.groupBy = List.copyOf(groupBy);
    this.classSlot = groupBy.indexOf(AzureGroupKey.CLASS);
    this.key = new String[groupBy.size()];
  }

  public long rowsRead() {
    return rowsRead;
  }

  /**
   * Reads one export file into the sums.
   *
   * @return the file's column set and data rows
   */
  public FileRead read(ExportStore store, ExportObject o, Ticker ticker) {
    String name = store.display(o);
    long fileRows = 0;
    try (CsvSource src = CsvSource.open(store, o)) {
      CsvRow first = src.next();
      if (first == null) {
        throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, name + ": empty file, no header");
      }
      Header header = new Header(name, first.fields());
      CostColumns cols = new CostColumns(name, header);
      src.select(cols.selected());
      for (CsvRow r = src.next(); r != null; r = src.next()) {
        row(name, header, cols, r);
        fileRows++;
        if (++rowsRead % TICK_EVERY == 0) {
          ticker.tick(rowsRead, src.storedBytesRead());
        }
      }
      ticker.tick(rowsRead, src.storedBytesRead());
      return new FileRead(cols.schema, fileRows);
    }
  }

  /**
   * What reading one file gave.
   *
   * @param schema the detected column set
   * @param rows data rows
   */
  public record FileRead(CostExportSchema schema, long rows) {}

  private void row(String name, Header h, CostColumns c, CsvRow r) {
    long line = r.line();
    if (r.fieldCount() != h.size()) {
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, name + ":" + line + ": row has " + r.fieldCount()
          + " fields, the header has " + h.size() + " (a truncated or corrupt file?)");
    }
    String chargeType = r.field(c.chargeType).trim();
    if (c.focus()) {
      // The charge's three FOCUS columns form its "charge type"; absent optional columns read as "".
      chargeType = chargeType + '|' + r.field(c.chargeClass).trim() + '|' + r.field(c.commitmentStatus).trim();
    }
    String category = r.field(c.category).trim();
    String meterName = r.field(c.meterName).trim();
    String unit = r.field(c.unit).trim();
    String shape = (c.focus() ? "F" : "C") + chargeType + '\0' + category + '\0' + r.field(c.subCategory) + '\0'
        + meterName + '\0' + unit;
    Rule rule = ruleByShape.get(shape);
    if (rule == null) {
      rule = rule(c, r, chargeType, category, meterName, unit);
      ruleByShape.put(shape, rule);
      allRules.add(rule);
    }
    LocalDate date = dates.computeIfAbsent(r.field(c.date), UsageDates::parse);
    if (date == null) {
      throw bad(name, line, h, c.date, r, c.focus() ? "is not a date-time such as 2025-01-31T00:00:00Z"
          : "is not a date such as 01/31/2025 or 2025-01-31");
    }
    String location = r.field(c.region);
    if (c.regionName >= 0 && location.isBlank()) {
      location = r.field(c.regionName); // FOCUS rows without a RegionId still name the region
    }
    String region = regions.computeIfAbsent(location, lists::region);
    fillKey(category, region, subscription(c, r), r.field(c.resourceGroup).trim(), date, meterName);
    rule.rows++;
    if (rule.primary == UsageClass.IGNORED || rule.primary == UsageClass.UNSUPPORTED) {
      add(rule.primary, 0, 0, 1);
      return; // not usage the model reads: its numbers are never needed, so never parsed
    }
    double quantity = number(name, line, h, c.quantity, r);
    double cost = number(name, line, h, c.cost, r);
    if (rule.primary == UsageClass.UNKNOWN) {
      setClass(UsageClass.UNKNOWN);
      // Kept per group and region until every known row is in: then the ratios are final.
      double[] u = unknownByRule.computeIfAbsent(rule, k -> new Groups<>(() -> new double[3])).at(withRegion(region));
      u[0] += quantity;
      u[1] += cost;
      u[2]++;
      return;
    }
    // Month-billed storage holds its GB for every day of the row's month.
    double days = rule.perDayOfMonth ? date.lengthOfMonth() : 1;
    double kwh = quantity * rule.kwhPerQuantity * days + rule.kwhPerRow;
    double mem = quantity * rule.memoryKwhPerQuantity;
    double grid = grid(region);
    rule.knownKwh += kwh + mem;
    rule.knownQuantity += quantity;
    rule.knownCost += cost;
    add(rule.primary, kwh, kwh * grid, 1);
    long alsoCounted = classSlot >= 0 ? 1 : 0; // without a class key the row is already counted once
    if (mem != 0) {
      add(UsageClass.MEMORY, mem, mem * grid, alsoCounted);
    }
    if (rule.embodiedKgPerQuantity != 0) {
      add(UsageClass.EMBODIED, 0, quantity * rule.embodiedKgPerQuantity, alsoCounted);
    }
  }

  private Rule rule(CostColumns c, CsvRow r, String chargeType, String category, String meterName, String unit) {
    String subCategory = r.field(c.subCategory).trim();
    if (!c.focus()) {
      return rules.build(chargeType, category, subCategory, meterName, unit);
    }
    String ignored = FocusCharges.ignoredReason(r.field(c.chargeType).trim(), r.field(c.chargeClass).trim(),
        r.field(c.commitmentStatus).trim());
    return ignored != null ? Rule.other(UsageClass.IGNORED, ignored, category, UnitOfMeasure.squeeze(unit))
        : rules.build("Usage", category, subCategory, meterName, unit);
  }

  /**
   * The subscription GUID: Microsoft's FOCUS {@code SubAccountId} is the subscription's resource id
   * ({@code /subscriptions/<GUID>}); the classic exports and the {@code subscription} group key carry
   * the GUID alone.
   */
  private static String subscription(CostColumns c, CsvRow r) {
    String s = r.field(c.subscription).trim();
    if (c.focus() && s.regionMatches(true, 0, SUBSCRIPTIONS, 0, SUBSCRIPTIONS.length())) {
      return s.substring(SUBSCRIPTIONS.length());
    }
    return s;
  }

  private void fillKey(String service, String region, String subscription, String resourceGroup, LocalDate date,
      String meter) {
    for (int i = 0; i < key.length; i++) {
      key[i] = switch (groupBy.get(i)) {
        case CLASS -> "";
        case SERVICE -> service;
        case REGION -> region;
        case SUBSCRIPTION -> subscription;
        case RESOURCE_GROUP -> resourceGroup;
        case MONTH -> date.toString().substring(0, 7);
        case DAY -> date.toString();
        case METER -> meter;
      };
    }
  }

  private void setClass(UsageClass c) {
    if (classSlot >= 0) {
      key[classSlot] = c.key();
    }
  }

  private void add(UsageClass c, double kwh, double co2e, long rows) {
    setClass(c);
    double[] s = groups.at(key);
    s[0] += kwh;
    s[1] += co2e;
    s[2] += rows;
  }

  private String[] withRegion(String region) {
    String[] k = java.util.Arrays.copyOf(key, key.length + 1);
    k[key.length] = region;
    return k;
  }

  private double grid(String region) {
    return gridByRegion.computeIfAbsent(region, r -> model.gridKgPerKwh(CloudProvider.AZURE, r));
  }

  private static double number(String name, long line, Header h, int col, CsvRow r) {
    String s = r.field(col).trim();
    if (s.isEmpty()) {
      throw bad(name, line, h, col, r, "is empty; a number is expected on a usage row");
    }
    try {
      double v = Double.parseDouble(s);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the file, line and column
    }
    throw bad(name, line, h, col, r, "is not a number");
  }

  private static OffGridFlowException bad(String name, long line, Header h, int col, CsvRow r, String what) {
    return new OffGridFlowException(CloudErrorCode.INVALID_BILL, name + ":" + line + ": column " + h.name(col) + " ("
        + (col + 1) + "): value '" + r.field(col) + "' " + what);
  }

  /** Rows per primary class, over every file of the run. */
  public long rows(UsageClass c) {
    long n = 0;
    for (Rule r : allRules) {
      if (r.primary == c) {
        n += r.rows;
      }
    }
    return n;
  }

  /** Row counts by reason (unknown rows say how they were estimated; valid after {@link #finish()}). */
  public Map<String, Long> reasons() {
    Map<String, Long> out = new TreeMap<>();
    for (Rule r : allRules) {
      if (r.rows > 0) {
        out.merge(r.method.isEmpty() ? r.reason : r.reason + "; " + r.method, r.rows, Long::sum);
      }
    }
    return out;
  }

  /**
   * Estimates the unknown rows and returns every group. An unknown row gets the kWh per quantity of
   * the known rows with the same meter category and unit, else of all known rows with that unit
   * (CCF's ratio; CCF uses only this one), else the kWh per cost of all known rows, where CCF would
   * give 0 (in quirks mode it does).
   */
  public List<AzureCostGroup> finish() {
    Map<String, double[]> byServiceUnit = new HashMap<>();
    Map<String, double[]> byUnit = new HashMap<>();
    double[] all = new double[2];
    for (Rule r : allRules) {
      if (r.estimated() && r.rows > 0) {
        accumulate(byServiceUnit.computeIfAbsent(r.service + '\0' + r.unitKey, k -> new double[3]), r);
        accumulate(byUnit.computeIfAbsent(r.unitKey, k -> new double[3]), r);
        all[0] += r.knownKwh;
        all[1] += r.knownCost;
      }
    }
    boolean quirks = model.ccfQuirks();
    for (Map.Entry<Rule, Groups<double[]>> e : unknownByRule.entrySet()) {
      Rule rule = e.getKey();
      double[] su = byServiceUnit.get(rule.service + '\0' + rule.unitKey);
      double[] u = byUnit.get(rule.unitKey);
      double perQuantity = 0;
      double perCost = 0;
      if (!quirks && su != null && su[1] != 0) {
        perQuantity = su[0] / su[1];
        rule.method = "kWh per quantity of known rows with the same meter category and unit";
      } else if (u != null && u[1] != 0) {
        perQuantity = u[0] / u[1];
        rule.method = "kWh per quantity of known rows with the same unit";
      } else if (!quirks && all[1] != 0) {
        perCost = all[0] / all[1];
        rule.method = "kWh per cost of all known rows (no known row has this unit)";
      } else {
        rule.method = "no known rows to scale from: 0 kWh";
      }
      for (Map.Entry<List<String>, double[]> g : e.getValue().all().entrySet()) {
        List<String> k = g.getKey();
        double[] v = g.getValue();
        double kwh = perQuantity * v[0] + perCost * v[1];
        String region = k.get(k.size() - 1);
        for (int i = 0; i < key.length; i++) {
          key[i] = k.get(i);
        }
        double[] s = groups.at(key);
        s[0] += kwh;
        s[1] += kwh * grid(region);
        s[2] += v[2];
      }
    }
    List<AzureCostGroup> out = new ArrayList<>();
    for (List<String> k : Groups.sorted(groups.all().keySet())) {
      double[] s = groups.all().get(k);
      out.add(new AzureCostGroup(k, s[0], s[1], (long) s[2]));
    }
    return out;
  }

  private static void accumulate(double[] into, Rule r) {
    into[0] += r.knownKwh;
    into[1] += r.knownQuantity;
    into[2] += r.knownCost;
  }
}
