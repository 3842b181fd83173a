package io.offgridflow.connectors.azure;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.Connector;
import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.UsageClass;
import io.offgridflow.cloud.spi.Checkpoint;
import io.offgridflow.connectors.azure.internal.BlobExportStore;
import io.offgridflow.connectors.azure.internal.CostRun;
import io.offgridflow.connectors.azure.internal.ExportLayout;
import io.offgridflow.connectors.azure.internal.ExportObject;
import io.offgridflow.connectors.azure.internal.ExportRun;
import io.offgridflow.connectors.azure.internal.ExportStore;
import io.offgridflow.connectors.azure.internal.FileSpans;
import io.offgridflow.connectors.azure.internal.LocalExportStore;
import io.offgridflow.connectors.azure.internal.SyncSteps;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Azure Cost Management exports of cost details (EA or MCA column sets, actual or amortized
 * cost, or the "Cost and usage details (FOCUS)" export; CSV, plain or gzip; the column set is
 * detected per file) and estimates energy and emissions with a {@link CcfModel} following
 * Cloud Carbon Footprint's Azure rules. Exports come from Blob storage through the host's own
 * {@link BlobContainerClient}, from a local copy of the export folder, or as single local files.
 * Streams in constant memory; immutable and thread-safe, each {@link #sync} independent.
 *
 * <p>Following the export layout ({@code <directory>/<export name>/<yyyyMMdd-yyyyMMdd>/...}), only
 * the latest run of each billing period is read (its {@code manifest.json} names the partitions of
 * a partitioned export): an older run of the same period is reported as {@link
 * SourceOutcome.Status#OLDER_RUN_NOT_COUNTED}, never counted. Each file read gets a checkpoint
 * (ETag and length of a blob; size and CRC32C of a local file): a file already counted is skipped;
 * checkpoints are committed only after every file was read, so a failed or cancelled sync counts
 * nothing.
 *
 * <pre>{@code
 * BlobServiceClient blobs = new BlobServiceClientBuilder().connectionString(cs).buildClient();
 * AzureCostExportConnector azure = AzureCostExportConnector.builder()
 *     .blobService(blobs, "billing")
 *     .directory("exports")
 *     .exportName("daily-actual-cost")
 *     .groupBy(AzureGroupKey.parseList("class,service,region,month"))
 *     .build();
 * AzureCostResult r = azure.sync(SyncContext.builder().stateStore(store).build());
 * r.accounting().read();   // = estimated + unknown + unsupported + ignored
 * }</pre>
 */
public final class AzureCostExportConnector implements Connector<AzureCostResult> {
  private static final Logger LOG = LoggerFactory.getLogger(AzureCostExportConnector.class);

  private final String id;
  private final @Nullable ExportStore layoutStore;
  private final String directory;
  private final String exportName;
  private final List<Path> files;
  private final CcfModel model;
  private final List<AzureGroupKey> groupBy;
  private final boolean embodied;
  private final FileSpans telemetry;

  private AzureCostExportConnector(Builder b) {
    this.id = b.id;
    this.layoutStore = b.container != null ? new BlobExportStore(b.container)
        : b.localRoot != null ? new LocalExportStore(b.localRoot) : null;
    this.directory = b.directory;
    this.exportName = b.exportName;
    this.files = List.copyOf(b.files);
    this.model = b.model != null ? b.model : CcfModel.builder().build();
    this.groupBy = b.groupBy;
    this.embodied = b.embodied;
    this.telemetry = new FileSpans(b.otel, "offgridflow.azure_cost.read_file", "offgridflow.connectors.azure.cost.rows");
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  /** One file to read, with the store it lives in and the run it belongs to. */
  private record Planned(ExportStore store, ExportRun run, ExportObject file, String periodKey) {}

  @Override
  public AzureCostResult sync(SyncContext ctx) {
    SyncSteps steps = new SyncSteps(ctx, id);
    List<SourceOutcome> outcomes = new ArrayList<>();
    List<Planned> toRead = plan(outcomes);
    CostRun run = new CostRun(model, groupBy, embodied);
    List<Checkpoint> toCommit = new ArrayList<>();
    Set<String> thisSync = new HashSet<>();
    for (Planned p : toRead) {
      thisSync.add(p.store().sourceKey(p.file()));
    }
    List<Checkpoint> earlier = null; // loaded once per sync, and only when a new file needs it
    for (Planned p : toRead) {
      String name = p.store().display(p.file());
      steps.throwIfCancelled(name);
      String key = p.store().sourceKey(p.file());
      String fingerprint = SyncSteps.storage(name, () -> p.store().fingerprint(p.file()));
      Optional<Checkpoint> prior = steps.find(key);
      if (prior.isPresent() && prior.get().fingerprint().equals(fingerprint)) {
        LOG.info("{}: already counted on {} ({} rows); skipped", name, prior.get().completedAt(), prior.get().rows());
        outcomes.add(new SourceOutcome(name, p.run().period(), p.run().runId(), p.run().dataset(), fingerprint,
            SourceOutcome.Status.SKIPPED_ALREADY_COUNTED, CostExportSchema.NONE, 0));
        continue;
      }
      boolean superseded = prior.isPresent();
      if (!superseded && !p.periodKey().isEmpty()) {
        if (earlier == null) {
          earlier = steps.all();
        }
        superseded = countedAnotherRun(earlier, p.periodKey(), thisSync);
      }
      CostRun.FileRead read = telemetry.read(name, p.run().period(), () -> SyncSteps.storage(name,
          () -> run.read(p.store(), p.file(), steps.ticker(name, p.file().size()))), CostRun.FileRead::rows);
      steps.report(name, run.rowsRead(), p.file().size(), p.file().size());
      outcomes.add(new SourceOutcome(name, p.run().period(), p.run().runId(), p.run().dataset(), fingerprint,
          superseded ? SourceOutcome.Status.SUPERSEDED : SourceOutcome.Status.COUNTED, read.schema(), read.rows()));
      toCommit.add(steps.checkpoint(key, fingerprint, read.rows()));
    }
    List<AzureCostGroup> groups = run.finish();
    double kwh = 0;
    double co2e = 0;
    for (AzureCostGroup g : groups) {
      kwh += g.kwh();
      co2e += g.co2eKg();
    }
    long estimated = run.rows(UsageClass.COMPUTE) + run.rows(UsageClass.STORAGE) + run.rows(UsageClass.NETWORKING)
        + run.rows(UsageClass.MEMORY);
    RowAccounting accounting = new RowAccounting(run.rowsRead(), estimated, run.rows(UsageClass.UNKNOWN),
        run.rows(UsageClass.UNSUPPORTED), run.rows(UsageClass.IGNORED), run.reasons());
    for (UsageClass c : UsageClass.values()) {
      telemetry.countRows(c.key(), run.rows(c));
    }
    steps.commit(toCommit);
    return new AzureCostResult(model.methodology(), groupBy, groups, accounting, outcomes, kwh, co2e);
  }

  /** Whether an earlier sync counted files of this period that this sync does not read: another run. */
  private static boolean countedAnotherRun(List<Checkpoint> earlier, String periodKey, Set<String> thisSync) {
    for (Checkpoint c : earlier) {
      if (c.sourceKey().startsWith(periodKey) && !thisSync.contains(c.sourceKey())) {
        return true;
      }
    }
    return false;
  }

  private List<Planned> plan(List<SourceOutcome> outcomes) {
    List<Planned> out = new ArrayList<>();
    if (layoutStore != null) {
      ExportStore store = layoutStore;
      String prefix = ExportLayout.prefix(directory, exportName);
      ExportLayout.Plan plan = SyncSteps.storage("listing " + prefix, () -> ExportLayout.plan(store, directory, exportName));
      if (plan.latest().isEmpty()) {
        LOG.warn("{}: no export runs under {} (no yyyyMMdd-yyyyMMdd folders with CSV files)", id, prefix);
      }
      for (ExportRun r : plan.older()) {
        for (ExportObject f : r.files()) {
          outcomes.add(new SourceOutcome(store.display(f), r.period(), r.runId(), r.dataset(), store.fingerprint(f),
              SourceOutcome.Status.OLDER_RUN_NOT_COUNTED, CostExportSchema.NONE, 0));
        }
      }
      for (ExportRun r : plan.latest()) {
        String periodKey = store.sourceKey(new ExportObject(prefix + r.period() + "/", 0, Instant.EPOCH, ""));
        for (ExportObject f : r.files()) {
          out.add(new Planned(store, r, f, periodKey));
        }
      }
    }
    for (Path f : files) {
      ExportObject o = LocalExportStore.single(f);
      LocalExportStore store = new LocalExportStore(f.toAbsolutePath().getParent());
      out.add(new Planned(store, new ExportRun("", o.fileName(), o.lastModified(), "", List.of(o)), o, ""));
    }
    return out;
  }

  /** Configures an {@link AzureCostExportConnector}. */
  public static final class Builder {
    private String id = "azure-cost-export";
    private @Nullable BlobContainerClient container;
    private @Nullable Path localRoot;
    private String directory = "";
    private String exportName = "";
    private final List<Path> files = new ArrayList<>();
    private @Nullable CcfModel model;
    private List<AzureGroupKey> groupBy = List.of(AzureGroupKey.CLASS, AzureGroupKey.SERVICE, AzureGroupKey.REGION);
    private boolean embodied = true;
    private OpenTelemetry otel = OpenTelemetry.noop();

    private Builder() {}

    /** Where spans (one per file read) and the row counter by class go (default: no-op). */
    public Builder openTelemetry(OpenTelemetry otel) {
      this.otel = otel;
      return this;
    }

    /** Checkpoint namespace (default {@code azure-cost-export}); use one per export. */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** The container the export writes to, from the host's own client (credentials stay the host's). */
    public Builder blobContainer(BlobContainerClient container) {
      this.container = container;
      return this;
    }

    /** The export's container, by name, from the host's {@link BlobServiceClient}. */
    public Builder blobService(BlobServiceClient service, String containerName) {
      return blobContainer(service.getBlobContainerClient(containerName));
    }

    /** A local copy of the export's container (same folder layout), for hosts that download exports. */
    public Builder localExportRoot(Path root) {
      this.localRoot = root;
      return this;
    }

    /** The export's directory inside the container ({@code rootFolderPath}; default: the container root). */
    public Builder directory(String directory) {
      this.directory = directory;
      return this;
    }

    /** The export's name: the folder under the directory that holds its billing periods. */
    public Builder exportName(String exportName) {
      this.exportName = exportName;
      return this;
    }

    /** A single cost-details file (CSV or .csv.gz) read as it is; call again for more. */
    public Builder file(Path file) {
      files.add(file);
      return this;
    }

    /** The energy model (default: {@code CcfModel.builder().build()}, CCF coefficients and grid factors). */
    public Builder model(CcfModel model) {
      this.model = model;
      return this;
    }

    /** Aggregation keys, in output order (default class, service, region). */
    public Builder groupBy(List<AzureGroupKey> keys) {
      this.groupBy = List.copyOf(keys);
      return this;
    }

    /** Whether embodied emissions of virtual machines are estimated (default true). */
    public Builder embodied(boolean on) {
      this.embodied = on;
      return this;
    }

    public AzureCostExportConnector build() {
      if (container != null && localRoot != null) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
            "AzureCostExportConnector reads one export location: a blob container or a local export root, not both");
      }
      boolean layout = container != null || localRoot != null;
      if (layout && exportName.isBlank()) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
            "AzureCostExportConnector needs exportName(...) to find the export's folder in the container");
      }
      if (!layout && files.isEmpty()) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
            "AzureCostExportConnector needs a blob container (blobService/blobContainer), localExportRoot or file(...)");
      }
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, f + ": no such file");
        }
      }
      if (groupBy.isEmpty()) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "groupBy needs at least one key");
      }
      return new AzureCostExportConnector(this);
    }
  }
}
