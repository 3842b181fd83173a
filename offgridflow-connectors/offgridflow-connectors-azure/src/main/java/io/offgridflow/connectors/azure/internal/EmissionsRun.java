package io.offgridflow.connectors.azure.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.connectors.azure.AzureEmissionsGroup;
import io.offgridflow.connectors.azure.AzureGroupKey;
import io.offgridflow.connectors.azure.EmissionsUnit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Sums provider-reported emissions exports (Emissions Impact Dashboard, carbon optimization) per
 * group and scope, in kg. Column names are matched case-insensitively, ignoring spaces and
 * punctuation ({@code Scope 1 (mtCO2e)}, {@code scope1CarbonEmission}, {@code SCOPE1}); the unit
 * comes from a unit column, else from the scope columns' names, else from the connector's setting.
 *
 * <pre>{@code
 * EmissionsRun run = new EmissionsRun(List.of(AzureGroupKey.MONTH), EmissionsUnit.METRIC_TON_CO2E);
 * run.read(store, object, (rows, bytes) -> {});
 * run.finish();
 * }</pre>
 */
public final class EmissionsRun {
  private static final int TICK_EVERY = 4096;

  private final AzureUsageLists lists = AzureUsageLists.load();
  private final List<AzureGroupKey> groupBy;
  private final @Nullable EmissionsUnit fallbackUnit;
  private final Groups<double[]> groups = new Groups<>(() -> new double[4]);
  private final String[] key;
  private long rowsRead;

  public EmissionsRun(List<AzureGroupKey> groupBy, @Nullable EmissionsUnit fallbackUnit) {
    this.groupBy = List.copyOf(groupBy);
    this.fallbackUnit = fallbackUnit;
    this.key = new String[groupBy.size()];
  }

  public long rowsRead() {
    return rowsRead;
  }

  /** Reads one file into the sums and returns its data rows. */
  public long read(ExportStore store, ExportObject o, Ticker ticker) {
    String name = store.display(o);
    long fileRows = 0;
    try (CsvSource src = CsvSource.open(store, o)) {
      CsvRow first = src.next();
      if (first == null) {
        throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, name + ": empty file, no header");
      }
      Header h = new Header(name, first.fields());
      Columns c = new Columns(name, h);
      src.select(c.date, c.subscription, c.service, c.region, c.resourceGroup, c.scope1, c.scope2, c.scope3,
          c.unitColumn);
      for (CsvRow r = src.next(); r != null; r = src.next()) {
        row(name, h, c, r);
        fileRows++;
        if (++rowsRead % TICK_EVERY == 0) {
          ticker.tick(rowsRead, src.storedBytesRead());
        }
      }
      ticker.tick(rowsRead, src.storedBytesRead());
      return fileRows;
    }
  }

  /** Where the needed columns are in one file. */
  private final class Columns {
    final int date;
    final int subscription;
    final int service;
    final int region;
    final int resourceGroup;
    final int scope1;
    final int scope2;
    final int scope3;
    final int unitColumn;
    final @Nullable EmissionsUnit headerUnit;

    Columns(String name, Header h) {
      date = h.require("date or month", "Date", "DateKey", "Month", "UsageMonth", "UsageDate");
      subscription = h.require("subscription", "SubscriptionId", "Subscription");
      service = h.require("service", "ServiceName", "Service", "MeteredService", "MeterCategory", "ServiceCategory");
      region = h.require("region", "Region", "AzureRegion", "Location", "ResourceLocation", "DataCenterRegion");
      resourceGroup = h.find("ResourceGroup", "ResourceGroupName");
      scope1 = scope(name, h, "scope1");
      int marketScope2 = -1;
      for (int i = 0; i < h.size(); i++) {
        String k = Header.key(h.name(i));
        if (k.startsWith("scope2") && k.contains("market")) {
          marketScope2 = i;
        }
      }
      scope2 = marketScope2 >= 0 ? marketScope2 : scope(name, h, "scope2");
      scope3 = scope(name, h, "scope3");
      unitColumn = h.find("Unit", "EmissionsUnit", "CarbonUnit", "EmissionUnit", "UnitOfMeasure");
      Optional<EmissionsUnit> fromNames = EmissionsUnit.parse(h.name(scope1) + " " + h.name(scope2) + " " + h.name(scope3));
      headerUnit = fromNames.orElse(null);
      if (unitColumn < 0 && headerUnit == null && fallbackUnit == null) {
        throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, name + ":1: cannot tell the unit of the"
            + " emissions: no unit column and no mtCO2e/kgCO2e in the scope columns' names; set the connector's"
            + " unit(EmissionsUnit.METRIC_TON_CO2E) for Emissions Impact Dashboard data or KG_CO2E for carbon optimization");
      }
    }

    private int scope(String name, Header h, String prefix) {
      int i = h.findPrefix(prefix);
      if (i < 0) {
        throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, name + ":1: the header has no "
            + prefix.replace("scope", "scope ") + " emissions column (a name starting " + prefix
            + ", e.g. Scope1 or Scope 1 (mtCO2e)); this does not look like an Azure emissions export");
      }
      return i;
    }

    EmissionsUnit unit(String name, long line, Header h, CsvRow r) {
      if (unitColumn >= 0) {
        String v = r.field(unitColumn);
        return EmissionsUnit.parse(v).orElseThrow(() -> bad(name, line, h, unitColumn, v,
            "is not an emissions unit (mtCO2e, tCO2e or kgCO2e)"));
      }
      return headerUnit != null ? headerUnit : java.util.Objects.requireNonNull(fallbackUnit);
    }
  }

  private void row(String name, Header h, Columns c, CsvRow r) {
    long line = r.line();
    if (r.fieldCount() != h.size()) {
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, name + ":" + line + ": row has " + r.fieldCount()
          + " fields, the header has " + h.size() + " (a truncated or corrupt file?)");
    }
    LocalDate date = UsageDates.parse(r.field(c.date));
    if (date == null) {
      throw bad(name, line, h, c.date, r.field(c.date), "is not a date or month such as 2025-01-01, 2025-01 or 01/01/2025");
    }
    EmissionsUnit unit = c.unit(name, line, h, r);
    double s1 = unit.toKg(number(name, line, h, c.scope1, r));
    double s2 = unit.toKg(number(name, line, h, c.scope2, r));
    double s3 = unit.toKg(number(name, line, h, c.scope3, r));
    for (int i = 0; i < key.length; i++) {
      key[i] = switch (groupBy.get(i)) {
        case SERVICE -> r.field(c.service).trim();
        case REGION -> lists.region(r.field(c.region));
        case SUBSCRIPTION -> r.field(c.subscription).trim();
        case RESOURCE_GROUP -> c.resourceGroup < 0 ? "" : r.field(c.resourceGroup).trim();
        case MONTH -> date.toString().substring(0, 7);
        case CLASS, DAY, METER -> throw new IllegalStateException("checked by the connector's builder");
      };
    }
    double[] s = groups.at(key);
    s[0] += s1;
    s[1] += s2;
    s[2] += s3;
    s[3]++;
  }

  private static double number(String name, long line, Header h, int col, CsvRow r) {
    String s = r.field(col).trim();
    try {
      double v = Double.parseDouble(s);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with the file, line and column
    }
    throw bad(name, line, h, col, r.field(col), s.isEmpty() ? "is empty; a number is expected" : "is not a number");
  }

  private static OffGridFlowException bad(String name, long line, Header h, int col, String value, String what) {
    return new OffGridFlowException(CloudErrorCode.INVALID_BILL, name + ":" + line + ": column " + h.name(col) + " ("
        + (col + 1) + "): value '" + value + "' " + what);
  }

  /** Every group, sorted by key. */
  public List<AzureEmissionsGroup> finish() {
    List<AzureEmissionsGroup> out = new ArrayList<>();
    for (List<String> k : Groups.sorted(groups.all().keySet())) {
      double[] s = groups.all().get(k);
      out.add(new AzureEmissionsGroup(k, s[0], s[1], s[2], (long) s[3]));
    }
    return out;
  }
}
