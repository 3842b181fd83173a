package io.offgridflow.connectors.aws;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.Connector;
import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.SyncProgress;
import io.offgridflow.cloud.UsageClass;
import io.offgridflow.cloud.spi.Checkpoint;
import io.offgridflow.connectors.aws.internal.BillSource;
import io.offgridflow.connectors.aws.internal.ColumnarCurReader;
import io.offgridflow.connectors.aws.internal.ColumnarReaders;
import io.offgridflow.connectors.aws.internal.CurInput;
import io.offgridflow.connectors.aws.internal.CurRun;
import io.offgridflow.connectors.aws.internal.CurSource;
import io.offgridflow.connectors.aws.internal.LocalCurInput;
import io.offgridflow.connectors.aws.internal.S3Bills;
import io.offgridflow.connectors.aws.internal.S3Location;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.s3.S3Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads AWS Cost and Usage Reports (CUR 1.0 or CUR 2.0; CSV plain, gzip or zip, detected from the
 * bytes; Parquet through the optional {@code offgridflow-connectors-aws-parquet} artifact) from local
 * files or from S3, and estimates energy and emissions with a {@link CcfModel} following Cloud Carbon
 * Footprint's CUR rules. Streams in constant memory: bytes are inflated on a helper thread,
 * tokenized as UTF-8 bytes (only the needed columns are looked at) and each row is classified and
 * summed as it is parsed; S3 objects are streamed from their GetObject body the same way.
 * Immutable and thread-safe; each {@link #sync} is independent.
 *
 * <p>Checkpoints: a local file is a source (size and CRC32C of its bytes). In S3 each billing
 * period is a source: its top-level manifest names the current delivery's objects, fingerprinted by
 * the delivery id and each object's ETag and size (no second read); older deliveries are never
 * read. A source already counted is skipped; a changed one (a re-delivered month) is read again and
 * reported as {@link SourceOutcome.Status#SUPERSEDED}. Checkpoints are committed only after every
 * source of the sync was read, so a failed or cancelled sync counts nothing.
 *
 * <pre>{@code
 * CurConnector cur = CurConnector.builder()
 *     .file(Path.of("cur-2025-01-00001.csv.gz"))          // and/or
 *     .s3(s3Client, "s3://billing-bucket/cur")             // follows the report manifests
 *     .billingPeriods(List.of(YearMonth.of(2025, 1)))      // optional
 *     .groupBy(GroupKey.parseList("class,service,region"))
 *     .groupByTags(List.of("user:Team"))                  // optional
 *     .build();
 * CurResult r = cur.sync(SyncContext.builder().stateStore(store).build());
 * r.accounting().read();   // = estimated + unknown + unsupported + ignored
 * }</pre>
 */
public final class CurConnector implements Connector<CurResult> {
  private static final Logger LOG = LoggerFactory.getLogger(CurConnector.class);
  private static final long PROGRESS_EVERY_MS = 250;
  private static final String SCOPE = "io.offgridflow.connectors.aws";
  private static final AttributeKey<String> FILE = AttributeKey.stringKey("offgridflow.source");
  private static final AttributeKey<Long> ROWS = AttributeKey.longKey("offgridflow.rows");
  private static final AttributeKey<String> CLASS = AttributeKey.stringKey("offgridflow.usage_class");

  private final String id;
  private final List<Path> files;
  private final List<S3Source> s3Sources;
  private final Set<YearMonth> billingPeriods;
  private final boolean listWithoutManifest;
  private final ColumnarReaders columnarReaders;
  private final CurFormat format;
  private final CcfModel model;
  private final List<GroupKey> groupBy;
  private final List<String> groupByTags;
  private final boolean embodied;
  private final Tracer tracer;
  private final LongCounter rowCounter;

  private CurConnector(Builder b) {
    this.id = b.id;
    this.files = List.copyOf(b.files);
    this.s3Sources = List.copyOf(b.s3Sources);
    this.billingPeriods = Set.copyOf(b.billingPeriods);
    this.listWithoutManifest = b.listWithoutManifest;
    this.columnarReaders = ColumnarReaders.load();
    this.format = b.format;
    this.model = b.model != null ? b.model : CcfModel.builder().build();
    this.groupBy = b.groupBy;
    this.groupByTags = b.groupByTags;
    this.embodied = b.embodied;
    this.tracer = b.otel.getTracer(SCOPE);
    this.rowCounter = b.otel.getMeter(SCOPE).counterBuilder("offgridflow.connectors.aws.cur.rows").setUnit("{row}")
        .setDescription("CUR rows read, by usage class (estimated ones by their primary class)").build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public CurResult sync(SyncContext ctx) {
    Instant start = ctx.clock().instant();
    long[] lastReport = {start.toEpochMilli()};
    CurSource[] current = new CurSource[1];
    String[] currentName = {""};
    CurRun[] runRef = new CurRun[1];
    CurRun run = new CurRun(model, format, groupBy, groupByTags, embodied, () -> {
      ctx.cancellation().throwIfCancelled(currentName[0] + " after " + runRef[0].rowsRead() + " rows");
      long now = ctx.clock().millis();
      if (now - lastReport[0] >= PROGRESS_EVERY_MS) {
        lastReport[0] = now;
        report(ctx, currentName[0], runRef[0].rowsRead(), current[0], start);
      }
    });
    runRef[0] = run;
    List<SourceOutcome> outcomes = new ArrayList<>();
    List<Checkpoint> toCommit = new ArrayList<>();
    for (BillSource source : sources(ctx)) {
      currentName[0] = source.name();
      ctx.cancellation().throwIfCancelled(source.name());
      String fingerprint = source.fingerprint();
      Optional<Checkpoint> prior = ctx.stateStore().find(id, source.key());
      if (prior.isPresent() && prior.get().fingerprint().equals(fingerprint)) {
        LOG.info("{}: already counted on {} ({} rows); skipped", source.name(), prior.get().completedAt(),
            prior.get().rows());
        outcomes.add(new SourceOutcome(source.name(), fingerprint, SourceOutcome.Status.SKIPPED_ALREADY_COUNTED, 0));
        continue;
      }
      long rows = 0;
      for (CurInput part : source.parts()) {
        String name = part.name();
        currentName[0] = name;
        ctx.cancellation().throwIfCancelled(name);
        run.startFile(name);
        Span span = tracer.spanBuilder("offgridflow.cur.read_file").setAttribute(FILE, name).startSpan();
        try (Scope ignoredScope = span.makeCurrent()) {
          read(part, run, current);
        } catch (RuntimeException e) {
          span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
          throw e;
        } finally {
          span.setAttribute(ROWS, run.fileRows());
          span.end();
        }
        rows += run.fileRows();
        report(ctx, name, run.rowsRead(), null, start);
      }
      outcomes.add(new SourceOutcome(source.name(), fingerprint,
          prior.isPresent() ? SourceOutcome.Status.SUPERSEDED : SourceOutcome.Status.COUNTED, rows));
      toCommit.add(new Checkpoint(id, source.key(), fingerprint, rows, ctx.clock().instant()));
    }
    List<CurGroup> groups = run.finish();
    double kwh = 0;
    double co2e = 0;
    for (CurGroup g : groups) {
      kwh += g.kwh();
      co2e += g.co2eKg();
    }
    long estimated = run.rows(UsageClass.COMPUTE) + run.rows(UsageClass.STORAGE) + run.rows(UsageClass.NETWORKING);
    RowAccounting acc = new RowAccounting(run.rowsRead(), estimated, run.rows(UsageClass.UNKNOWN),
        run.rows(UsageClass.UNSUPPORTED), run.rows(UsageClass.IGNORED), run.reasons());
    for (UsageClass c : UsageClass.values()) {
      long n = run.rows(c);
      if (n > 0) {
        rowCounter.add(n, Attributes.of(CLASS, c.key()));
      }
    }
    // A cancel that arrives after the last row still wins: the host asked for nothing to be committed.
    ctx.cancellation().throwIfCancelled(currentName[0] + " after " + run.rowsRead() + " rows, before committing");
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
    return new CurResult(model.methodology(), groupBy, groupByTags, groups, acc, outcomes, kwh, co2e, run.chars());
  }

  /** Local files as given, then each S3 location's billing periods (resolved now: new months appear). */
  private List<BillSource> sources(SyncContext ctx) {
    List<BillSource> out = new ArrayList<>();
    for (Path f : files) {
      out.add(BillSource.single(f.toAbsolutePath().normalize().toString(), new LocalCurInput(f)));
    }
    for (S3Source s : s3Sources) {
      ctx.cancellation().throwIfCancelled(s.location().toString());
      Span span = tracer.spanBuilder("offgridflow.cur.resolve_s3").setAttribute(FILE, s.location().toString())
          .startSpan();
      try (Scope ignoredScope = span.makeCurrent()) {
        out.addAll(new S3Bills(s.client(), s.location(), billingPeriods, listWithoutManifest).resolve());
      } catch (RuntimeException e) {
        span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
        throw e;
      } finally {
        span.end();
      }
    }
    return out;
  }

  /**
   * Reads one file or object: row formats (CSV, gzip, zip) stream through the tokenizer; a columnar
   * format (recognized from its first bytes) goes to its {@link ColumnarCurReader}, which needs a
   * local file, so an S3 object is first copied to a temporary file (deleted after).
   */
  private void read(CurInput part, CurRun run, CurSource[] current) {
    String name = part.name();
    Path temp = null;
    try {
      InputStream stored = new BufferedInputStream(part.open(), 1 << 16);
      ColumnarCurReader columnar;
      try {
        stored.mark(ColumnarReaders.HEAD);
        byte[] head = stored.readNBytes(ColumnarReaders.HEAD);
        stored.reset();
        columnar = columnarReaders.find(head, head.length, name).orElse(null);
        if (columnar != null && !groupByTags.isEmpty() && !columnar.readsTags()) {
          // Checked before an S3 object is copied, so a reader without tags fails fast.
          throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, name + ": grouping by tags ("
              + String.join(", ", groupByTags) + ") is not supported by the " + columnar.formatName()
              + " reader (" + columnar.getClass().getName() + "); group this file without groupByTags");
        }
      } catch (IOException | RuntimeException e) {
        stored.close();
        throw e;
      }
      if (columnar == null) {
        try (CurSource src = CurSource.open(stored, part.size(), name)) {
          current[0] = src;
          src.readInto(run);
        }
        return;
      }
      Path local;
      try (InputStream in = stored) {
        if (part.localFile().isPresent()) {
          local = part.localFile().get();
        } else {
          temp = Files.createTempFile("offgridflow-cur-", "." + columnar.formatName());
          Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
          local = temp;
        }
      }
      columnar.read(local, name, run);
    } catch (IOException | UncheckedIOException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, name + ": cannot read: " + e.getMessage(), e);
    } finally {
      current[0] = null;
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          LOG.warn("{}: cannot delete temporary copy {}: {}", name, temp, e.toString());
        }
      }
    }
  }

  private static void report(SyncContext ctx, String name, long rows, @Nullable CurSource src, Instant start) {
    long bytes = src == null ? 0 : src.storedBytesRead();
    long total = src == null ? -1 : src.size();
    ctx.progress().onProgress(new SyncProgress(name, rows, bytes, total, Duration.between(start, ctx.clock().instant())));
  }

  /** An S3 location to follow manifests under, with the host's client. */
  private record S3Source(S3Client client, S3Location location) {}

  /** Configures a {@link CurConnector}. */
  public static final class Builder {
    private String id = "aws-cur";
    private final List<Path> files = new ArrayList<>();
    private final List<S3Source> s3Sources = new ArrayList<>();
    private final Set<YearMonth> billingPeriods = new TreeSet<>();
    private boolean listWithoutManifest;
    private CurFormat format = CurFormat.AUTO;
    private @Nullable CcfModel model;
    private List<GroupKey> groupBy = List.of(GroupKey.CLASS, GroupKey.SERVICE, GroupKey.REGION);
    private List<String> groupByTags = List.of();
    private boolean embodied = true;
    private OpenTelemetry otel = OpenTelemetry.noop();

    private Builder() {}

    /** Where spans (one per file read) and the row counter go (default: no-op). */
    public Builder openTelemetry(OpenTelemetry otel) {
      this.otel = otel;
      return this;
    }

    /** Checkpoint namespace (default {@code aws-cur}); use one per payer account or report. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** A CUR file (CSV, .csv.gz or .zip); call again for each part of a report. */
    public Builder file(Path file) {
      files.add(file);
      return this;
    }

    /**
     * A CUR report in S3, read with the host's client: {@code s3Uri} is the report prefix
     * ({@code s3://bucket/prefix}, the folder holding the report or export folders, or a report's
     * own folder). Each billing period's objects are found from its latest manifest (CUR 1.0
     * {@code reportKeys}, CUR 2.0 {@code dataFiles}) and checkpointed as one source, so a new
     * delivery of a month supersedes the old one. Call again for more reports.
     */
    public Builder s3(S3Client client, String s3Uri) {
      s3Sources.add(new S3Source(Objects.requireNonNull(client, "client"), S3Location.parse(s3Uri)));
      return this;
    }

    /** Reads only these billing periods of S3 reports (default: every period found). */
    public Builder billingPeriods(Collection<YearMonth> periods) {
      billingPeriods.addAll(periods);
      return this;
    }

    /**
     * Whether an S3 prefix with no manifest is read by listing its {@code .csv}, {@code .csv.gz},
     * {@code .zip} and {@code .parquet} objects, each its own source (default false: such a prefix
     * is an error, because listing cannot tell a superseded delivery from the current one).
     */
    public Builder listObjectsWithoutManifest(boolean on) {
      this.listWithoutManifest = on;
      return this;
    }

    public Builder format(CurFormat format) {
      this.format = format;
      return this;
    }

    /** The energy model (default: {@code CcfModel.builder().build()}, CCF coefficients and grid factors). */
    public Builder model(CcfModel model) {
      this.model = model;
      return this;
    }

    /** Aggregation keys, in output order (default class, service, region). */
    public Builder groupBy(List<GroupKey> keys) {
      this.groupBy = List.copyOf(keys);
      return this;
    }

    /**
     * Cost-allocation tag keys to group by after the {@link #groupBy} keys, one dimension each, in
     * this order (default none); each group's values are in {@link CurGroup#tags()}.
     *
     * <ul>
     *   <li>CUR 1.0 CSV: the column {@code resourceTags/<key>}, e.g. {@code resourceTags/user:Team}
     *       for {@code user:Team}. A key with no such column in a file's header is not an error:
     *       no row of that file has the tag.
     *   <li>CUR 2.0 CSV: the key in the {@code resource_tags} JSON object. CUR 2.0 normalises keys
     *       ({@code user:Team} is written {@code user_team}: lower-case, other characters than
     *       letters and digits become {@code _}), so the key is looked up as given, then in that
     *       spelling; {@code user:Team} and {@code user_team} both work. No {@code resource_tags}
     *       column means no row has tags.
     *   <li>CUR 2.0 Parquet ({@code offgridflow-connectors-aws-parquet}): the key in the
     *       {@code resource_tags} map column, as given or in CUR 2.0's spelling, as for CSV; CUR 1.0
     *       Parquet for Athena: the column {@code resource_tags_<key in CUR 2.0 spelling>}.
     * </ul>
     *
     * <p>A row without the tag (missing, empty or {@code null}) groups under the empty string.
     * Runs with tags group through a slower key path than runs without; the totals are the same.
     *
     * <pre>{@code
     * CurConnector.builder().file(cur).groupBy(List.of(GroupKey.SERVICE))
     *     .groupByTags(List.of("user:Team")).build();   // groups: [service] + [user:Team value]
     * }</pre>
     */
    public Builder groupByTags(List<String> tagKeys) {
      List<String> keys = new ArrayList<>();
      for (String k : tagKeys) {
        String t = Objects.requireNonNull(k, "tag key").trim();
        if (t.isEmpty()) {
          throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "groupByTags: a tag key is empty");
        }
        if (!keys.contains(t)) {
          keys.add(t);
        }
      }
      this.groupByTags = List.copyOf(keys);
      return this;
    }

    /** Whether embodied emissions of instances are estimated (default true). */
    public Builder embodied(boolean on) {
      this.embodied = on;
      return this;
    }

    public CurConnector build() {
      if (files.isEmpty() && s3Sources.isEmpty()) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
            "CurConnector needs at least one file or S3 location");
      }
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, f + ": no such file");
        }
      }
      return new CurConnector(this);
    }
  }
}
