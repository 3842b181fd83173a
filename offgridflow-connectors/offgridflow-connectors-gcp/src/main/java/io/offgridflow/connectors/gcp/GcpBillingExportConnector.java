package io.offgridflow.connectors.gcp;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.StandardSQLTypeName;
import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.Connector;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.gcp.internal.BillingRow;
import io.offgridflow.connectors.gcp.internal.BillingRules;
import io.offgridflow.connectors.gcp.internal.BillingRun;
import io.offgridflow.connectors.gcp.internal.Cells;
import io.offgridflow.connectors.gcp.internal.Cells.Column;
import io.offgridflow.connectors.gcp.internal.ExportTable;
import io.offgridflow.connectors.gcp.internal.GroupKeys;
import io.offgridflow.connectors.gcp.internal.Partitions;
import io.offgridflow.connectors.gcp.internal.Progress;
import io.offgridflow.connectors.gcp.internal.QueryRunner;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Tracer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimates energy and emissions from Google Cloud's standard usage cost export in BigQuery with a
 * {@link CcfModel}, following Cloud Carbon Footprint's GCP rules: compute vCPU- and GPU-hours
 * (machine family from the {@code machine_spec} system label or the SKU), SSD/HDD storage and
 * memory from byte-seconds, egress bytes as networking, unknown usage from the kWh per usage amount
 * of known rows, unsupported SKUs and units, and non-regular cost types ignored. Every row is
 * accounted for ({@link BillingExportResult#accounting()}).
 *
 * <p>Incremental by usage day ({@code DATE(usage_start_time)}, UTC): a summary query asks BigQuery
 * each day's row count and summed cost and usage, the day's checkpoint fingerprint. A day already
 * counted is skipped; a day whose rows changed (late rows, restatements) is read again and reported
 * as {@link PartitionOutcome.Status#SUPERSEDED}. Only the columns the rules need are selected.
 *
 * <pre>{@code
 * GcpBillingExportConnector billing = GcpBillingExportConnector.builder()
 *     .bigQuery(BigQueryOptions.getDefaultInstance().getService())
 *     .table("my-project.billing.gcp_billing_export_v1_0123AB_CDEF45_6789AB")
 *     .days(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 1, 31))
 *     .groupBy(GcpGroupKey.parseList("class,service,region"))
 *     .build();
 * BillingExportResult r = billing.sync(SyncContext.builder().stateStore(store).build());
 * r.accounting().read();   // = estimated + unknown + unsupported + ignored
 * }</pre>
 */
public final class GcpBillingExportConnector implements Connector<BillingExportResult> {
  /** Default connector id, the checkpoint namespace. */
  public static final String DEFAULT_ID = "gcp-billing-export";

  private static final AttributeKey<String> USAGE_CLASS = AttributeKey.stringKey("offgridflow.usage_class");
  private static final String OTEL_SCOPE = "io.offgridflow.connectors.gcp";
  private static final Logger LOG = LoggerFactory.getLogger(GcpBillingExportConnector.class);

  static final Column DAY = new Column("DATE(usage_start_time)", "usage_day");
  static final Column PROJECT = new Column("project.id", "project_id");
  static final Column SERVICE = new Column("service.description", "service_description");
  static final Column SKU = new Column("sku.description", "sku_description");
  static final Column AMOUNT = new Column("usage.amount", "usage_amount");
  static final Column UNIT = new Column("usage.unit", "usage_unit");
  static final Column REGION = new Column("location.region", "location_region");
  static final Column LOCATION = new Column("location.location", "location_location");
  static final Column COST = new Column("cost", "cost");
  static final Column COST_TYPE = new Column("cost_type", "cost_type");
  static final Column MACHINE_SPEC = new Column("(SELECT l.value FROM UNNEST(system_labels) AS l "
      + "WHERE l.key = 'compute.googleapis.com/machine_spec' LIMIT 1)", "machine_spec");
  private static final List<Column> READ_COLUMNS =
      List.of(DAY, PROJECT, SERVICE, SKU, AMOUNT, UNIT, REGION, LOCATION, COST, COST_TYPE, MACHINE_SPEC);

  private final String id;
  private final BigQuery bigQuery;
  private final ExportTable table;
  private final Tracer tracer;
  private final GcpRetryPolicy retry;
  private final LongCounter rowCounter;
  private final LocalDate firstDay;
  private final LocalDate lastDay;
  private final List<GcpGroupKey> groupBy;
  private final BillingRules rules;

  private GcpBillingExportConnector(Builder b, LocalDate first, LocalDate last) {
    this.id = b.id;
    this.bigQuery = Objects.requireNonNull(b.bigQuery);
    this.table = ExportTable.parse(Objects.requireNonNull(b.table), "billing export");
    this.firstDay = first;
    this.lastDay = last;
    this.groupBy = b.groupBy;
    this.tracer = b.otel.getTracer(OTEL_SCOPE);
    this.retry = b.retry;
    this.rowCounter = b.otel.getMeter(OTEL_SCOPE).counterBuilder("offgridflow.connectors.gcp.billing.rows")
        .setUnit("{row}").setDescription("Billing export rows read, by usage class").build();
    this.rules = new BillingRules(b.model != null ? b.model : CcfModel.builder().build());
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public BillingExportResult sync(SyncContext ctx) {
    Progress progress = new Progress(ctx, table.id());
    QueryRunner runner = new QueryRunner(bigQuery, table, tracer, retry);
    Partitions partitions = new Partitions(id, table);
    ctx.cancellation().throwIfCancelled(table + " before the summary query");
    Map<String, QueryParameterValue> range = new LinkedHashMap<>();
    range.put("first_day", QueryParameterValue.date(firstDay.toString()));
    range.put("last_day", QueryParameterValue.date(lastDay.toString()));
    partitions.plan(runner, summarySql(), range, ctx);
    List<String> days = partitions.toRead();
    BillingRun run = new BillingRun(rules, groupBy);
    if (!days.isEmpty()) {
      ctx.cancellation().throwIfCancelled(table + " before reading " + days.size() + " days");
      long[] n = {0};
      QueryParameterValue dayArray = QueryParameterValue.array(days.toArray(new String[0]), StandardSQLTypeName.DATE);
      runner.forEachRow("read of " + days.size() + " days", readSql(), Map.of("days", dayArray), row -> {
        n[0]++;
        progress.rowRead(n[0]);
        LocalDate day = new Cells(table, row, n[0], "unknown").date(DAY);
        Cells c = new Cells(table, row, n[0], "usage day " + day);
        partitions.rowRead(day.toString());
        // Every value is parsed before the row is added: a bad row leaves no partial sums behind.
        BillingRow r = new BillingRow(day, GroupKeys.project(c.text(PROJECT)), c.text(SERVICE), c.text(SKU),
            c.number(AMOUNT), c.text(UNIT), GroupKeys.region(c.text(REGION), c.text(LOCATION)), c.number(COST), c.text(COST_TYPE),
            c.text(MACHINE_SPEC));
        run.add(r);
      });
      progress.done(n[0]);
    }
    List<PartitionOutcome> outcomes = partitions.verify();
    BillingRun.Outcome o = run.finish();
    ctx.cancellation().throwIfCancelled(table + " before committing checkpoints");
    partitions.commit(ctx);
    run.rowsByClass().forEach((cls, rows) -> rowCounter.add(rows, Attributes.of(USAGE_CLASS, cls.key())));
    double kwh = 0;
    double co2e = 0;
    for (BillingGroup g : o.groups()) {
      kwh += g.kwh();
      co2e += g.co2eKg();
    }
    LOG.info("{}: {} rows of {} days read ({} days skipped); {} kWh, {} kg CO2e", table, run.rowsRead(), days.size(),
        outcomes.size() - days.size(), kwh, co2e);
    return new BillingExportResult(table.id(), rules.model().methodology(), groupBy, o.groups(), o.accounting(),
        o.unknowns(), outcomes, kwh, co2e);
  }

  String summarySql() {
    // The fingerprint is formatted by BigQuery so identical content gives an identical string; the XOR
    // of every row's FARM_FINGERPRINT (order-free) catches late or restated rows however small.
    return "SELECT DATE(usage_start_time) AS " + Partitions.KEY + ", COUNT(*) AS " + Partitions.ROWS
        + ", FORMAT('rows=%d;cost=%.6f;usage=%.6e;content=%d', COUNT(*), IFNULL(SUM(cost), 0), "
        + "IFNULL(SUM(usage.amount), 0), BIT_XOR(FARM_FINGERPRINT(TO_JSON_STRING(t)))) AS " + Partitions.FINGERPRINT
        + " FROM " + table.sql() + " AS t"
        + " WHERE DATE(usage_start_time) BETWEEN @first_day AND @last_day"
        + " GROUP BY " + Partitions.KEY + " ORDER BY " + Partitions.KEY;
  }

  String readSql() {
    StringBuilder sb = new StringBuilder("SELECT ");
    for (int i = 0; i < READ_COLUMNS.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(READ_COLUMNS.get(i).select());
    }
    return sb.append(" FROM ").append(table.sql()).append(" WHERE DATE(usage_start_time) IN UNNEST(@days)").toString();
  }

  /**
   * Configures a {@link GcpBillingExportConnector}; {@link #bigQuery}, {@link #table} and {@link
   * #days} are required (a billing export grows without bound, so a sync always names its range).
   */
  public static final class Builder {
    private String id = DEFAULT_ID;
    private @Nullable BigQuery bigQuery;
    private @Nullable String table;
    private @Nullable LocalDate firstDay;
    private @Nullable LocalDate lastDay;
    private @Nullable CcfModel model;
    private List<GcpGroupKey> groupBy = List.of(GcpGroupKey.CLASS, GcpGroupKey.SERVICE, GcpGroupKey.REGION);

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

    /** The standard usage cost export table, {@code project.dataset.gcp_billing_export_v1_XXXXXX_XXXXXX_XXXXXX}. */
    public Builder table(String tableId) {
      this.table = tableId;
      return this;
    }

    /** Usage days {@code first..last} inclusive, by {@code DATE(usage_start_time)} in UTC. */
    public Builder days(LocalDate first, LocalDate last) {
      if (last.isBefore(first)) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "day range " + first + ".." + last
            + " ends before it starts");
      }
      this.firstDay = first;
      this.lastDay = last;
      return this;
    }

    /** The energy model (default: {@code CcfModel.builder().build()}, CCF's coefficients). */
    public Builder model(CcfModel m) {
      this.model = m;
      return this;
    }

    /** Group-by keys (default class, service, region). */
    public Builder groupBy(List<GcpGroupKey> keys) {
      this.groupBy = List.copyOf(keys);
      return this;
    }

    /** Connector id used as the checkpoint namespace (default {@value #DEFAULT_ID}). */
    public Builder id(String connectorId) {
      this.id = connectorId;
      return this;
    }

    public GcpBillingExportConnector build() {
      if (bigQuery == null) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "bigQuery(client) is required");
      }
      if (table == null) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
            "table(\"project.dataset.gcp_billing_export_v1_...\") is required");
      }
      if (firstDay == null || lastDay == null) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
            "days(first, last) is required: the usage days to sync");
      }
      return new GcpBillingExportConnector(this, firstDay, lastDay);
    }
  }
}
