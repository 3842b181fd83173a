package io.offgridflow.connectors.gcp;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.Connector;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.gcp.internal.CarbonSums;
import io.offgridflow.connectors.gcp.internal.Cells;
import io.offgridflow.connectors.gcp.internal.Cells.Column;
import io.offgridflow.connectors.gcp.internal.ExportTable;
import io.offgridflow.connectors.gcp.internal.GroupKeys;
import io.offgridflow.connectors.gcp.internal.Partitions;
import io.offgridflow.connectors.gcp.internal.Progress;
import io.offgridflow.connectors.gcp.internal.QueryRunner;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Tracer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Google Cloud's Carbon Footprint BigQuery export (the provider-reported emissions: scope 1,
 * scope 2 location- and market-based, scope 3 and their totals, per month, project, service and
 * region) and sums it by the groups the host asks for. These are Google's numbers: no model of this
 * SDK is applied, and {@code carbon_model_version} is kept in every group.
 *
 * <p>Incremental by usage month: a summary query asks BigQuery each month's row count and summed
 * totals, which form the month's checkpoint fingerprint. A month already counted with the same
 * fingerprint is skipped; a restated month (Google recomputes past months when its model changes)
 * is read again and reported as {@link PartitionOutcome.Status#SUPERSEDED}: its numbers replace the
 * earlier ones. Checkpoints are committed only when the whole sync succeeded.
 *
 * <pre>{@code
 * BigQuery bq = BigQueryOptions.getDefaultInstance().getService();
 * GcpCarbonFootprintConnector cf = GcpCarbonFootprintConnector.builder()
 *     .bigQuery(bq)
 *     .table("my-project.carbon.carbon_footprint")
 *     .months(YearMonth.of(2025, 1), YearMonth.of(2025, 6))
 *     .groupBy(GcpGroupKey.parseList("month,service"))
 *     .build();
 * CarbonFootprintResult r = cf.sync(SyncContext.builder().stateStore(store).build());
 * r.total().totalMarketBasedKg();
 * }</pre>
 */
public final class GcpCarbonFootprintConnector implements Connector<CarbonFootprintResult> {
  /** Default connector id, the checkpoint namespace. */
  public static final String DEFAULT_ID = "gcp-carbon-footprint";

  private static final AttributeKey<String> SOURCE = AttributeKey.stringKey("offgridflow.source");
  private static final String OTEL_SCOPE = "io.offgridflow.connectors.gcp";
  private static final Logger LOG = LoggerFactory.getLogger(GcpCarbonFootprintConnector.class);
  private static final Set<GcpGroupKey> ALLOWED =
      EnumSet.of(GcpGroupKey.MONTH, GcpGroupKey.PROJECT, GcpGroupKey.SERVICE, GcpGroupKey.REGION);

  static final Column MONTH = new Column("usage_month", "usage_month");
  static final Column PROJECT = new Column("project.id", "project_id");
  static final Column SERVICE = new Column("service.description", "service_description");
  static final Column REGION = new Column("location.region", "location_region");
  static final Column LOCATION = new Column("location.location", "location_location");
  static final Column SCOPE1 = new Column("carbon_footprint_kgCO2e.scope1", "scope1");
  static final Column SCOPE2_LOCATION =
      new Column("carbon_footprint_kgCO2e.scope2.location_based", "scope2_location_based");
  static final Column SCOPE2_MARKET = new Column("carbon_footprint_kgCO2e.scope2.market_based", "scope2_market_based");
  static final Column SCOPE3 = new Column("carbon_footprint_kgCO2e.scope3", "scope3");
  static final Column TOTAL_LOCATION = new Column("carbon_footprint_total_kgCO2e.location_based", "total_location_based");
  static final Column TOTAL_MARKET = new Column("carbon_footprint_total_kgCO2e.market_based", "total_market_based");
  static final Column MODEL_VERSION = new Column("carbon_model_version", "carbon_model_version");
  private static final List<Column> READ_COLUMNS = List.of(MONTH, PROJECT, SERVICE, REGION, LOCATION, SCOPE1,
      SCOPE2_LOCATION, SCOPE2_MARKET, SCOPE3, TOTAL_LOCATION, TOTAL_MARKET, MODEL_VERSION);

  private final String id;
  private final BigQuery bigQuery;
  private final ExportTable table;
  private final Tracer tracer;
  private final GcpRetryPolicy retry;
  private final LongCounter rowCounter;
  private final @Nullable YearMonth firstMonth;
  private final @Nullable YearMonth lastMonth;
  private final List<GcpGroupKey> groupBy;

  private GcpCarbonFootprintConnector(Builder b) {
    this.id = b.id;
    this.bigQuery = Objects.requireNonNull(b.bigQuery);
    this.table = ExportTable.parse(Objects.requireNonNull(b.table), "Carbon Footprint export");
    this.firstMonth = b.firstMonth;
    this.lastMonth = b.lastMonth;
    this.groupBy = b.groupBy;
    this.tracer = b.otel.getTracer(OTEL_SCOPE);
    this.retry = b.retry;
    this.rowCounter = b.otel.getMeter(OTEL_SCOPE).counterBuilder("offgridflow.connectors.gcp.carbon_footprint.rows")
        .setUnit("{row}").setDescription("Carbon Footprint export rows read").build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  /** The table this connector reads. */
  public String table() {
    return table.id();
  }

  @Override
  public CarbonFootprintResult sync(SyncContext ctx) {
    Progress progress = new Progress(ctx, table.id());
    QueryRunner runner = new QueryRunner(bigQuery, table, tracer, retry);
    Partitions partitions = new Partitions(id, table);
    ctx.cancellation().throwIfCancelled(table + " before the summary query");
    partitions.plan(runner, summarySql(), rangeParams(), ctx);
    List<String> months = partitions.toRead();
    Map<List<String>, CarbonSums> groups = new HashMap<>();
    if (!months.isEmpty()) {
      ctx.cancellation().throwIfCancelled(table + " before reading " + months);
      long[] n = {0};
      runner.forEachRow("read of months " + months, readSql(), Map.of("months", dates(months)), row -> {
        n[0]++;
        progress.rowRead(n[0]);
        Cells c = new Cells(table, row, n[0], "unknown");
        LocalDate month = c.date(MONTH);
        Cells cells = new Cells(table, row, n[0], "usage_month " + month);
        partitions.rowRead(month.toString());
        // Read every value before touching the sums: a bad row leaves no partial group behind.
        double s1 = cells.number(SCOPE1);
        double s2l = cells.number(SCOPE2_LOCATION);
        double s2m = cells.number(SCOPE2_MARKET);
        double s3 = cells.number(SCOPE3);
        double tl = cells.number(TOTAL_LOCATION);
        double tm = cells.number(TOTAL_MARKET);
        String version = cells.text(MODEL_VERSION);
        List<String> key = key(month, cells);
        groups.computeIfAbsent(key, k -> new CarbonSums()).add(s1, s2l, s2m, s3, tl, tm, version);
      });
      progress.done(n[0]);
    }
    List<PartitionOutcome> outcomes = partitions.verify();
    ctx.cancellation().throwIfCancelled(table + " before committing checkpoints");
    partitions.commit(ctx);
    Map<List<String>, CarbonSums> sorted = new TreeMap<>(GroupKeys.ORDER);
    sorted.putAll(groups);
    List<CarbonFootprintGroup> out = new ArrayList<>();
    CarbonSums total = new CarbonSums();
    long rows = 0;
    for (Map.Entry<List<String>, CarbonSums> e : sorted.entrySet()) {
      CarbonFootprintGroup g = e.getValue().toGroup(e.getKey());
      out.add(g);
      total.addAll(e.getValue());
      rows += g.rows();
    }
    if (rows > 0) {
      rowCounter.add(rows, Attributes.of(SOURCE, table.id()));
    }
    LOG.info("{}: {} rows read from months {}; {} groups", table, rows, months, out.size());
    return new CarbonFootprintResult(table.id(), CarbonFootprintResult.PROVIDER_REPORTED, groupBy, out,
        total.toGroup(List.of()), outcomes, rows);
  }

  private List<String> key(LocalDate month, Cells c) {
    List<String> key = new ArrayList<>(groupBy.size());
    for (GcpGroupKey k : groupBy) {
      key.add(switch (k) {
        case MONTH -> YearMonth.from(month).toString();
        case PROJECT -> GroupKeys.project(c.text(PROJECT));
        case SERVICE -> c.text(SERVICE);
        case REGION -> GroupKeys.region(c.text(REGION), c.text(LOCATION));
        default -> throw new IllegalStateException("rejected by the builder: " + k);
      });
    }
    return key;
  }

  String summarySql() {
    // FORMAT in SQL makes the fingerprint BigQuery's own string: the same content gives the same text
    // on every run. Rounded sums say what changed; the XOR of every row's FARM_FINGERPRINT (order-free)
    // catches any restatement, however small.
    return "SELECT usage_month AS " + Partitions.KEY + ", COUNT(*) AS " + Partitions.ROWS
        + ", FORMAT('rows=%d;location_based=%.6f;market_based=%.6f;model=%t-%t;content=%d', COUNT(*), "
        + "IFNULL(SUM(carbon_footprint_total_kgCO2e.location_based), 0), "
        + "IFNULL(SUM(carbon_footprint_total_kgCO2e.market_based), 0), "
        + "MIN(carbon_model_version), MAX(carbon_model_version), "
        + "BIT_XOR(FARM_FINGERPRINT(TO_JSON_STRING(t)))) AS " + Partitions.FINGERPRINT
        + " FROM " + table.sql() + " AS t" + where() + " GROUP BY usage_month ORDER BY usage_month";
  }

  String readSql() {
    StringBuilder sb = new StringBuilder("SELECT ");
    for (int i = 0; i < READ_COLUMNS.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(READ_COLUMNS.get(i).select());
    }
    return sb.append(" FROM ").append(table.sql()).append(" WHERE usage_month IN UNNEST(@months)").toString();
  }

  private String where() {
    if (firstMonth == null) {
      return "";
    }
    return " WHERE usage_month BETWEEN @first_month AND @last_month";
  }

  private Map<String, QueryParameterValue> rangeParams() {
    if (firstMonth == null || lastMonth == null) {
      return Map.of();
    }
    Map<String, QueryParameterValue> p = new LinkedHashMap<>();
    p.put("first_month", QueryParameterValue.date(firstMonth.atDay(1).toString()));
    p.put("last_month", QueryParameterValue.date(lastMonth.atDay(1).toString()));
    return p;
  }

  private static QueryParameterValue dates(List<String> days) {
    return QueryParameterValue.array(days.toArray(new String[0]), StandardSQLTypeName.DATE);
  }

  /** Configures a {@link GcpCarbonFootprintConnector}; {@link #bigQuery} and {@link #table} are required. */
  public static final class Builder {
    private String id = DEFAULT_ID;
    private @Nullable BigQuery bigQuery;
    private @Nullable String table;
    private @Nullable YearMonth firstMonth;
    private @Nullable YearMonth lastMonth;
    private List<GcpGroupKey> groupBy =
        List.of(GcpGroupKey.MONTH, GcpGroupKey.PROJECT, GcpGroupKey.SERVICE, GcpGroupKey.REGION);

    private OpenTelemetry otel = OpenTelemetry.noop();
    private GcpRetryPolicy retry = GcpRetryPolicy.defaults();

    private Builder() {}

    /** Where spans (one per BigQuery query) and row counters go (default: no-op). */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.otel = openTelemetry;
      return this;
    }

    /**
     * How transient BigQuery failures are retried (default {@link GcpRetryPolicy#defaults()}: 5 attempts,
     * 1 s doubling to 30 s). It replaces the client's own retry settings for the connector's calls.
     */
    public Builder retry(GcpRetryPolicy policy) {
      this.retry = Objects.requireNonNull(policy, "retry");
      return this;
    }

    /**
     * The host's BigQuery client: its credentials, project, location and transport are used; its retry
     * settings are replaced by {@link #retry} on a copy (the host's client is not changed).
     */
    public Builder bigQuery(BigQuery client) {
      this.bigQuery = client;
      return this;
    }

    /** The export table, {@code project.dataset.carbon_footprint}. */
    public Builder table(String tableId) {
      this.table = tableId;
      return this;
    }

    /** Only usage months {@code first..last} inclusive (default: every month in the table). */
    public Builder months(YearMonth first, YearMonth last) {
      if (last.isBefore(first)) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "month range " + first + ".." + last
            + " ends before it starts");
      }
      this.firstMonth = first;
      this.lastMonth = last;
      return this;
    }

    /** Group-by keys among month, project, service and region (default: all four). */
    public Builder groupBy(List<GcpGroupKey> keys) {
      for (GcpGroupKey k : keys) {
        if (!ALLOWED.contains(k)) {
          throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "the Carbon Footprint export cannot be "
              + "grouped by " + k.key() + "; it has month, project, service and region");
        }
      }
      this.groupBy = List.copyOf(keys);
      return this;
    }

    /** Connector id used as the checkpoint namespace (default {@value #DEFAULT_ID}). */
    public Builder id(String connectorId) {
      this.id = connectorId;
      return this;
    }

    public GcpCarbonFootprintConnector build() {
      if (bigQuery == null) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "bigQuery(client) is required");
      }
      if (table == null) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
            "table(\"project.dataset.carbon_footprint\") is required");
      }
      return new GcpCarbonFootprintConnector(this);
    }
  }
}
