package io.offgridflow.connectors.aws;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.Connector;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.SyncProgress;
import io.offgridflow.cloud.spi.Checkpoint;
import io.offgridflow.connectors.aws.internal.CeGroup;
import io.offgridflow.connectors.aws.internal.CostExplorerTotals;
import io.offgridflow.connectors.aws.internal.UsageClassifier;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.Dimension;
import software.amazon.awssdk.services.costexplorer.model.DimensionValuesWithAttributes;
import software.amazon.awssdk.services.costexplorer.model.Expression;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.GetDimensionValuesResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

/**
 * Estimates energy and emissions from AWS Cost Explorer ({@code GetCostAndUsage}), a lighter
 * source than the CUR: no bucket or export to set up, but daily or monthly totals instead of line
 * items. Each Cost Explorer group (one service and usage type in one region and period) is
 * classified with the same Cloud Carbon Footprint rules as a CUR row of that shape.
 *
 * <p>Queries: one per region (a filter, as CCF's own Cost Explorer estimators do), grouped by
 * {@code SERVICE} and {@code USAGE_TYPE} (Cost Explorer allows two group-bys), metrics
 * {@code UsageQuantity} (whose unit plays the CUR's pricing unit) and {@code UnblendedCost} (for
 * unknown usage), restricted to usage record types ({@code Usage}, {@code DiscountedUsage},
 * {@code SavingsPlanCoveredUsage}: CCF's line-item types), paginated with {@code NextPageToken}.
 * Regions are the builder's, or else those {@code GetDimensionValues} reports for the period.
 *
 * <p>Each day or month returned is a source with a checkpoint (its content hash): a period already
 * counted with the same numbers is skipped, so a re-run is a no-op; a period whose numbers changed
 * (Cost Explorer revises estimated periods) is counted again as {@link SourceOutcome.Status#SUPERSEDED}.
 * Checkpoints are committed only when the whole sync succeeded.
 *
 * <pre>{@code
 * CostExplorerConnector ce = CostExplorerConnector.builder()
 *     .client(costExplorerClient)
 *     .period(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-04-01"))
 *     .granularity(Granularity.MONTHLY)
 *     .build();
 * CostExplorerResult r = ce.sync(SyncContext.builder().stateStore(store).build());
 * }</pre>
 */
public final class CostExplorerConnector implements Connector<CostExplorerResult> {
  private static final Logger LOG = LoggerFactory.getLogger(CostExplorerConnector.class);
  private static final String SCOPE = "io.offgridflow.connectors.aws";
  private static final AttributeKey<String> REGION_ATTR = AttributeKey.stringKey("offgridflow.region");
  static final String USAGE_QUANTITY = "UsageQuantity";
  static final String UNBLENDED_COST = "UnblendedCost";
  /** CCF's LINE_ITEM_TYPES as Cost Explorer RECORD_TYPE values; other record types are not usage. */
  static final List<String> USAGE_RECORD_TYPES = List.of("Usage", "DiscountedUsage", "SavingsPlanCoveredUsage");

  private final String id;
  private final CostExplorerClient client;
  private final LocalDate start;
  private final LocalDate end;
  private final Granularity granularity;
  private final List<String> regions;
  private final List<GroupKey> groupBy;
  private final CcfModel model;
  private final UsageClassifier classifier;
  private final Tracer tracer;

  private CostExplorerConnector(Builder b) {
    this.id = b.id;
    this.client = Objects.requireNonNull(b.client);
    this.start = Objects.requireNonNull(b.start);
    this.end = Objects.requireNonNull(b.end);
    this.granularity = b.granularity;
    this.regions = List.copyOf(b.regions);
    this.groupBy = b.groupBy;
    this.model = b.model != null ? b.model : CcfModel.builder().build();
    this.classifier = new UsageClassifier(model, b.embodied);
    this.tracer = b.otel.getTracer(SCOPE);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public CostExplorerResult sync(SyncContext ctx) {
    Instant started = ctx.clock().instant();
    int[] requests = {0};
    List<String> queried = regions.isEmpty() ? regionsInPeriod(ctx, requests) : regions;
    // Period start -> its groups from every region. A few thousand groups at most: Cost Explorer aggregates.
    TreeMap<String, Period> periods = new TreeMap<>();
    long groupsRead = 0;
    for (String region : queried) {
      String token = null;
      int page = 0;
      do {
        page++;
        String where = "Cost Explorer GetCostAndUsage (region " + region + ", " + start + ".." + end + ", page " + page
            + ")";
        ctx.cancellation().throwIfCancelled(where);
        GetCostAndUsageResponse resp = call(where, region, token, requests);
        for (ResultByTime rbt : resp.resultsByTime()) {
          DateInterval t = rbt.timePeriod();
          if (t == null || t.start() == null || t.end() == null) {
            throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, where + ": a result has no TimePeriod");
          }
          Period p = periods.computeIfAbsent(t.start(), s -> new Period(t.start(), t.end()));
          for (Group g : rbt.groups()) {
            p.groups.add(parse(where, region, t, g));
            groupsRead++;
          }
        }
        token = resp.nextPageToken();
        ctx.progress().onProgress(new SyncProgress(where, groupsRead, 0, -1,
            Duration.between(started, ctx.clock().instant())));
      } while (token != null && !token.isEmpty());
    }

    CostExplorerTotals totals = new CostExplorerTotals(model, classifier, groupBy);
    List<SourceOutcome> outcomes = new ArrayList<>();
    List<Checkpoint> toCommit = new ArrayList<>();
    for (Period p : periods.values()) {
      String key = "cost-explorer:" + granularity + ":" + p.start + "/" + p.end;
      String fingerprint = p.fingerprint();
      Optional<Checkpoint> prior = ctx.stateStore().find(id, key);
      if (prior.isPresent() && prior.get().fingerprint().equals(fingerprint)) {
        LOG.info("{}: already counted on {} ({} groups); skipped", key, prior.get().completedAt(), prior.get().rows());
        outcomes.add(new SourceOutcome(p.start + "/" + p.end, fingerprint, SourceOutcome.Status.SKIPPED_ALREADY_COUNTED,
            0));
        continue;
      }
      for (CeGroup g : p.groups) {
        totals.add(g);
      }
      outcomes.add(new SourceOutcome(p.start + "/" + p.end, fingerprint,
          prior.isPresent() ? SourceOutcome.Status.SUPERSEDED : SourceOutcome.Status.COUNTED, p.groups.size()));
      toCommit.add(new Checkpoint(id, key, fingerprint, p.groups.size(), ctx.clock().instant()));
    }
    List<CurGroup> groups = totals.finish();
    ctx.cancellation().throwIfCancelled("Cost Explorer sync before committing checkpoints");
    // All or none where the store can (the PostgreSQL store commits them in one transaction).
    if (!toCommit.isEmpty()) {
      try {
        ctx.stateStore().putAll(toCommit);
      } catch (RuntimeException e) {
        throw new OffGridFlowException(CloudErrorCode.STATE_STORE_FAILURE, "cannot store the checkpoints of "
            + toCommit.size() + " sources (" + toCommit.get(0).sourceKey() + (toCommit.size() > 1 ? ", ..." : "")
            + "): " + e.getMessage(), e);
      }
    }
    double kwh = 0;
    double co2e = 0;
    for (CurGroup g : groups) {
      kwh += g.kwh();
      co2e += g.co2eKg();
    }
    return new CostExplorerResult(model.methodology(), groupBy, groups, totals.accounting(), outcomes, kwh, co2e,
        requests[0]);
  }

  private GetCostAndUsageResponse call(String where, String region, @Nullable String token, int[] requests) {
    GetCostAndUsageRequest.Builder req = GetCostAndUsageRequest.builder()
        .timePeriod(DateInterval.builder().start(start.toString()).end(end.toString()).build())
        .granularity(granularity)
        .metrics(USAGE_QUANTITY, UNBLENDED_COST)
        .groupBy(GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key("SERVICE").build(),
            GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key("USAGE_TYPE").build())
        .filter(Expression.builder().and(
            Expression.builder().dimensions(d -> d.key(Dimension.REGION).values(region)).build(),
            Expression.builder().dimensions(d -> d.key(Dimension.RECORD_TYPE).values(USAGE_RECORD_TYPES)).build())
            .build());
    if (token != null) {
      req.nextPageToken(token);
    }
    Span span = tracer.spanBuilder("offgridflow.cost_explorer.get_cost_and_usage").setAttribute(REGION_ATTR, region)
        .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      requests[0]++;
      return client.getCostAndUsage(req.build());
    } catch (SdkException e) {
      span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, where + ": " + e.getMessage(), e);
    } finally {
      span.end();
    }
  }

  private List<String> regionsInPeriod(SyncContext ctx, int[] requests) {
    List<String> out = new ArrayList<>();
    String token = null;
    do {
      String where = "Cost Explorer GetDimensionValues (REGION, " + start + ".." + end + ")";
      ctx.cancellation().throwIfCancelled(where);
      String t = token;
      GetDimensionValuesResponse resp;
      try {
        requests[0]++;
        resp = client.getDimensionValues(r -> {
          r.dimension(Dimension.REGION).timePeriod(p -> p.start(start.toString()).end(end.toString()));
          if (t != null) {
            r.nextPageToken(t);
          }
        });
      } catch (SdkException e) {
        throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, where + ": " + e.getMessage(), e);
      }
      for (DimensionValuesWithAttributes v : resp.dimensionValues()) {
        if (v.value() != null && !v.value().isEmpty()) {
          out.add(v.value());
        }
      }
      token = resp.nextPageToken();
    } while (token != null && !token.isEmpty());
    return out;
  }

  private static CeGroup parse(String where, String region, DateInterval t, Group g) {
    String at = where + ": period " + t.start() + ".." + t.end() + ", group " + g.keys();
    if (g.keys().size() != 2) {
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, at + ": field Keys: expected [SERVICE, USAGE_TYPE],"
          + " got " + g.keys().size() + " values");
    }
    MetricValue usage = metric(at, g, USAGE_QUANTITY);
    MetricValue cost = metric(at, g, UNBLENDED_COST);
    return new CeGroup(region, g.keys().get(0), g.keys().get(1), number(at, USAGE_QUANTITY, usage.amount()),
        usage.unit() == null ? "" : usage.unit(), number(at, UNBLENDED_COST, cost.amount()), t.start());
  }

  private static MetricValue metric(String at, Group g, String name) {
    MetricValue v = g.metrics().get(name);
    if (v == null) {
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, at + ": field Metrics." + name + ": missing");
    }
    return v;
  }

  private static double number(String at, String metric, @Nullable String amount) {
    try {
      double d = Double.parseDouble(Objects.requireNonNull(amount, "null"));
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // reported below with the field and value
    }
    throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, at + ": field Metrics." + metric + ".Amount: value '"
        + amount + "' is not a number");
  }

  /** One day or month of results across regions. */
  private static final class Period {
    final String start;
    final String end;
    final List<CeGroup> groups = new ArrayList<>();

    Period(String start, String end) {
      this.start = start;
      this.end = end;
    }

    /** Order-independent content hash: regions and pages may come back in any order. */
    String fingerprint() {
      List<String> lines = new ArrayList<>();
      for (CeGroup g : groups) {
        lines.add(g.line());
      }
      lines.sort(null);
      MessageDigest sha;
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-256", e);
      }
      for (String l : lines) {
        sha.update((l + '\n').getBytes(StandardCharsets.UTF_8));
      }
      return "groups=" + lines.size() + ";sha256=" + HexFormat.of().formatHex(sha.digest());
    }
  }

  /** Configures a {@link CostExplorerConnector}. */
  public static final class Builder {
    private String id = "aws-cost-explorer";
    private @Nullable CostExplorerClient client;
    private @Nullable LocalDate start;
    private @Nullable LocalDate end;
    private Granularity granularity = Granularity.MONTHLY;
    private final List<String> regions = new ArrayList<>();
    private List<GroupKey> groupBy = List.of(GroupKey.CLASS, GroupKey.SERVICE, GroupKey.REGION);
    private @Nullable CcfModel model;
    private boolean embodied = true;
    private OpenTelemetry otel = OpenTelemetry.noop();

    private Builder() {}

    /** The host's Cost Explorer client (its region, credentials, retries and HTTP client are the host's). */
    public Builder client(CostExplorerClient client) {
      this.client = client;
      return this;
    }

    /** Days {@code [start, end)}: Cost Explorer's end date is exclusive. */
    public Builder period(LocalDate start, LocalDate endExclusive) {
      this.start = start;
      this.end = endExclusive;
      return this;
    }

    /** {@link Granularity#DAILY} or {@link Granularity#MONTHLY} (default). */
    public Builder granularity(Granularity g) {
      this.granularity = g;
      return this;
    }

    /** Regions to query (default: every region Cost Explorer reports for the period). */
    public Builder regions(List<String> regions) {
      this.regions.addAll(regions);
      return this;
    }

    /** Aggregation keys (default class, service, region); account is not available from these queries. */
    public Builder groupBy(List<GroupKey> keys) {
      this.groupBy = List.copyOf(keys);
      return this;
    }

    public Builder model(CcfModel model) {
      this.model = model;
      return this;
    }

    /** Whether embodied emissions of instances are estimated (default true). */
    public Builder embodied(boolean on) {
      this.embodied = on;
      return this;
    }

    /** Checkpoint namespace (default {@code aws-cost-explorer}). */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** Where spans (one per API call) go (default: no-op). */
    public Builder openTelemetry(OpenTelemetry otel) {
      this.otel = otel;
      return this;
    }

    public CostExplorerConnector build() {
      if (client == null) {
        throw invalid("CostExplorerConnector needs the host's CostExplorerClient (client(...))");
      }
      if (start == null || end == null) {
        throw invalid("CostExplorerConnector needs a period(start, endExclusive)");
      }
      if (!start.isBefore(end)) {
        throw invalid("period start " + start + " is not before its exclusive end " + end);
      }
      if (granularity != Granularity.DAILY && granularity != Granularity.MONTHLY) {
        throw invalid("granularity " + granularity + " is not supported; use DAILY or MONTHLY");
      }
      if (groupBy.contains(GroupKey.ACCOUNT)) {
        throw invalid("group-by key account is not available from Cost Explorer here (its two group-bys are"
            + " SERVICE and USAGE_TYPE); use the CUR connector for accounts");
      }
      if (groupBy.contains(GroupKey.DAY) && granularity != Granularity.DAILY) {
        throw invalid("group-by key day needs granularity DAILY");
      }
      return new CostExplorerConnector(this);
    }

    private static OffGridFlowException invalid(String msg) {
      return new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, msg);
    }
  }
}
