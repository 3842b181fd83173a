package io.offgridflow.connectors.aws;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.Connector;
import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.SyncProgress;
import io.offgridflow.cloud.spi.Checkpoint;
import io.offgridflow.connectors.aws.internal.CurRun;
import io.offgridflow.connectors.aws.internal.CurSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
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
 * Reads AWS Cost and Usage Reports (CUR 1.0 or CUR 2.0 CSV; plain, gzip or zip, detected from the
 * bytes) from local files and estimates energy and emissions with a {@link CcfModel} following Cloud
 * Carbon Footprint's CUR rules. Streams in constant memory: bytes are inflated on a helper thread,
 * tokenized as UTF-8 bytes (only the needed columns are looked at) and each row is classified and
 * summed as it is parsed. Immutable and thread-safe; each {@link
 * #sync} is independent.
 *
 * <p>Each file is a source with a checkpoint (size and CRC32C of its bytes): a file already counted
 * is skipped; a changed file (a re-delivered month) is read again and reported as {@link
 * SourceOutcome.Status#SUPERSEDED}. Checkpoints are committed only after every file of the sync was
 * read, so a failed or cancelled sync counts nothing.
 *
 * <pre>{@code
 * CurConnector cur = CurConnector.builder()
 *     .file(Path.of("cur-2025-01-00001.csv.gz"))
 *     .groupBy(GroupKey.parseList("class,service,region"))
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
  private final CurFormat format;
  private final CcfModel model;
  private final List<GroupKey> groupBy;
  private final boolean embodied;
  private final Tracer tracer;
  private final LongCounter rowCounter;

  private CurConnector(Builder b) {
    this.id = b.id;
    this.files = List.copyOf(b.files);
    this.format = b.format;
    this.model = b.model != null ? b.model : CcfModel.builder().build();
    this.groupBy = b.groupBy;
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
    CurRun run = new CurRun(model, format, groupBy, embodied, () -> {
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
    for (Path f : files) {
      String key = f.toAbsolutePath().normalize().toString();
      String name = f.toString();
      currentName[0] = name;
      ctx.cancellation().throwIfCancelled(name);
      String fingerprint = fingerprint(f);
      Optional<Checkpoint> prior = ctx.stateStore().find(id, key);
      if (prior.isPresent() && prior.get().fingerprint().equals(fingerprint)) {
        LOG.info("{}: already counted on {} ({} rows); skipped", name, prior.get().completedAt(), prior.get().rows());
        outcomes.add(new SourceOutcome(name, fingerprint, SourceOutcome.Status.SKIPPED_ALREADY_COUNTED, 0));
        continue;
      }
      run.startFile(name);
      Span span = tracer.spanBuilder("offgridflow.cur.read_file").setAttribute(FILE, name).startSpan();
      try (Scope ignoredScope = span.makeCurrent()) {
        readFile(f, name, run, current);
      } catch (RuntimeException e) {
        span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
        throw e;
      } finally {
        span.setAttribute(ROWS, run.fileRows());
        span.end();
      }
      report(ctx, name, run.rowsRead(), null, start);
      outcomes.add(new SourceOutcome(name, fingerprint,
          prior.isPresent() ? SourceOutcome.Status.SUPERSEDED : SourceOutcome.Status.COUNTED, run.fileRows()));
      toCommit.add(new Checkpoint(id, key, fingerprint, run.fileRows(), ctx.clock().instant()));
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
    for (Checkpoint c : toCommit) {
      try {
        ctx.stateStore().put(c);
      } catch (RuntimeException e) {
        throw new OffGridFlowException(CloudErrorCode.STATE_STORE_FAILURE,
            "cannot store the checkpoint of " + c.sourceKey() + ": " + e.getMessage(), e);
      }
    }
    return new CurResult(model.methodology(), groupBy, groups, acc, outcomes, kwh, co2e, run.chars());
  }

  private static void readFile(Path f, String name, CurRun run, CurSource[] current) {
    try (CurSource src = CurSource.open(f, name)) {
      current[0] = src;
      src.readInto(run);
    } catch (IOException | UncheckedIOException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, name + ": cannot read: " + e.getMessage(), e);
    } finally {
      current[0] = null;
    }
  }

  private static void report(SyncContext ctx, String name, long rows, @Nullable CurSource src, Instant start) {
    long bytes = src == null ? 0 : src.storedBytesRead();
    long total = src == null ? -1 : src.size();
    ctx.progress().onProgress(new SyncProgress(name, rows, bytes, total, Duration.between(start, ctx.clock().instant())));
  }

  /** Size and CRC32C of the stored bytes: a cheap content identity (CRC32C runs at several GB/s). */
  static String fingerprint(Path f) {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      CRC32C crc = new CRC32C();
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
      long size = 0;
      while (ch.read(buf) >= 0) {
        buf.flip();
        size += buf.remaining();
        crc.update(buf);
        buf.clear();
      }
      return "size=" + size + ";crc32c=" + Long.toHexString(crc.getValue());
    } catch (NoSuchFileException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, f + ": no such file");
    } catch (IOException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, f + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Configures a {@link CurConnector}. */
  public static final class Builder {
    private String id = "aws-cur";
    private final List<Path> files = new ArrayList<>();
    private CurFormat format = CurFormat.AUTO;
    private @Nullable CcfModel model;
    private List<GroupKey> groupBy = List.of(GroupKey.CLASS, GroupKey.SERVICE, GroupKey.REGION);
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

    /** Whether embodied emissions of instances are estimated (default true). */
    public Builder embodied(boolean on) {
      this.embodied = on;
      return this;
    }

    public CurConnector build() {
      if (files.isEmpty()) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "CurConnector needs at least one file");
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
