package io.offgridflow.connectors.azure;

import com.azure.storage.blob.BlobContainerClient;
import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.Connector;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.spi.Checkpoint;
import io.offgridflow.connectors.azure.internal.BlobExportStore;
import io.offgridflow.connectors.azure.internal.EmissionsRun;
import io.offgridflow.connectors.azure.internal.ExportLayout;
import io.offgridflow.connectors.azure.internal.ExportObject;
import io.offgridflow.connectors.azure.internal.ExportStore;
import io.offgridflow.connectors.azure.internal.FileSpans;
import io.offgridflow.connectors.azure.internal.LocalExportStore;
import io.offgridflow.connectors.azure.internal.SyncSteps;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the emissions Microsoft reports for a customer's Azure usage (Emissions Impact Dashboard
 * exports, carbon optimization emissions exports; CSV, plain or gzip) from Blob storage or local
 * files into kg CO2e per group and GHG Protocol scope. These are provider-reported, market-based
 * figures: a separate source beside the model's location-based estimate of {@link
 * AzureCostExportConnector}, never added to it. Units are detected (mtCO2e is converted to kg).
 * Each file gets a checkpoint, so a re-run never counts a file twice.
 *
 * <pre>{@code
 * AzureEmissionsConnector eid = AzureEmissionsConnector.builder()
 *     .blobContainer(blobs.getBlobContainerClient("sustainability"))
 *     .prefix("emissions/")
 *     .groupBy(AzureGroupKey.parseList("subscription,service,month"))
 *     .build();
 * AzureEmissionsResult r = eid.sync(SyncContext.builder().stateStore(store).build());
 * r.scope2Kg();   // market-based, as Microsoft reports it
 * }</pre>
 */
public final class AzureEmissionsConnector implements Connector<AzureEmissionsResult> {
  /** Where the numbers come from. */
  public static final String PROVENANCE = "provider-reported: Microsoft Emissions Impact Dashboard / carbon optimization";
  /** The scope 2 method of the provider's figures. */
  public static final String BASIS = "market-based";
  private static final Logger LOG = LoggerFactory.getLogger(AzureEmissionsConnector.class);
  private static final Set<AzureGroupKey> ALLOWED = Set.of(AzureGroupKey.SERVICE, AzureGroupKey.REGION,
      AzureGroupKey.SUBSCRIPTION, AzureGroupKey.RESOURCE_GROUP, AzureGroupKey.MONTH);

  private final String id;
  private final @Nullable ExportStore store;
  private final String prefix;
  private final List<Path> files;
  private final List<AzureGroupKey> groupBy;
  private final @Nullable EmissionsUnit unit;
  private final FileSpans telemetry;

  private AzureEmissionsConnector(Builder b) {
    this.id = b.id;
    this.store = b.container == null ? null : new BlobExportStore(b.container);
    this.prefix = b.prefix;
    this.files = List.copyOf(b.files);
    this.groupBy = b.groupBy;
    this.unit = b.unit;
    this.telemetry = new FileSpans(b.otel, "offgridflow.azure_emissions.read_file",
        "offgridflow.connectors.azure.emissions.rows");
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  private record Planned(ExportStore store, ExportObject file) {}

  @Override
  public AzureEmissionsResult sync(SyncContext ctx) {
    SyncSteps steps = new SyncSteps(ctx, id);
    List<Planned> planned = new ArrayList<>();
    if (store != null) {
      ExportStore s = store;
      for (ExportObject o : SyncSteps.storage("listing " + prefix, () -> s.list(prefix))) {
        if (ExportLayout.isData(o.name())) {
          planned.add(new Planned(s, o));
        }
      }
    }
    for (Path f : files) {
      planned.add(new Planned(new LocalExportStore(f.toAbsolutePath().getParent()), LocalExportStore.single(f)));
    }
    EmissionsRun run = new EmissionsRun(groupBy, unit);
    List<SourceOutcome> outcomes = new ArrayList<>();
    List<Checkpoint> toCommit = new ArrayList<>();
    for (Planned p : planned) {
      String name = p.store().display(p.file());
      steps.throwIfCancelled(name);
      String key = p.store().sourceKey(p.file());
      String fingerprint = SyncSteps.storage(name, () -> p.store().fingerprint(p.file()));
      Optional<Checkpoint> prior = steps.find(key);
      if (prior.isPresent() && prior.get().fingerprint().equals(fingerprint)) {
        LOG.info("{}: already counted on {}; skipped", name, prior.get().completedAt());
        outcomes.add(new SourceOutcome(name, "", p.file().fileName(), "", fingerprint,
            SourceOutcome.Status.SKIPPED_ALREADY_COUNTED, CostExportSchema.NONE, 0));
        continue;
      }
      long rows = telemetry.read(name, "", () -> SyncSteps.storage(name,
          () -> run.read(p.store(), p.file(), steps.ticker(name, p.file().size()))), Long::longValue);
      steps.report(name, run.rowsRead(), p.file().size(), p.file().size());
      outcomes.add(new SourceOutcome(name, "", p.file().fileName(), "", fingerprint,
          prior.isPresent() ? SourceOutcome.Status.SUPERSEDED : SourceOutcome.Status.COUNTED, CostExportSchema.NONE, rows));
      toCommit.add(steps.checkpoint(key, fingerprint, rows));
    }
    List<AzureEmissionsGroup> groups = run.finish();
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    for (AzureEmissionsGroup g : groups) {
      s1 += g.scope1Kg();
      s2 += g.scope2Kg();
      s3 += g.scope3Kg();
    }
    telemetry.countRows("provider_reported", run.rowsRead());
    steps.commit(toCommit);
    return new AzureEmissionsResult(PROVENANCE, BASIS, groupBy, groups, run.rowsRead(), outcomes, s1, s2, s3);
  }

  /** Configures an {@link AzureEmissionsConnector}. */
  public static final class Builder {
    private String id = "azure-emissions";
    private @Nullable BlobContainerClient container;
    private String prefix = "";
    private final List<Path> files = new ArrayList<>();
    private List<AzureGroupKey> groupBy = List.of(AzureGroupKey.SUBSCRIPTION, AzureGroupKey.SERVICE,
        AzureGroupKey.REGION, AzureGroupKey.MONTH);
    private @Nullable EmissionsUnit unit;
    private OpenTelemetry otel = OpenTelemetry.noop();

    private Builder() {}

    /** Where spans (one per file read) and the row counter go (default: no-op). */
    public Builder openTelemetry(OpenTelemetry otel) {
      this.otel = otel;
      return this;
    }

    /** Checkpoint namespace (default {@code azure-emissions}). */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /** The container holding the emissions exports, from the host's own client. */
    public Builder blobContainer(BlobContainerClient container) {
      this.container = container;
      return this;
    }

    /** Reads every CSV (or .csv.gz) blob whose name starts with this (default: the whole container). */
    public Builder prefix(String prefix) {
      this.prefix = prefix;
      return this;
    }

    /** A local emissions export file; call again for more. */
    public Builder file(Path file) {
      files.add(file);
      return this;
    }

    /** Aggregation keys (default subscription, service, region, month); class, day and meter are not available. */
    public Builder groupBy(List<AzureGroupKey> keys) {
      this.groupBy = List.copyOf(keys);
      return this;
    }

    /** The unit for files that name none (no unit column, no unit in the scope columns' names). */
    public Builder unit(EmissionsUnit unit) {
      this.unit = unit;
      return this;
    }

    public AzureEmissionsConnector build() {
      if (container == null && files.isEmpty()) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
            "AzureEmissionsConnector needs a blob container or at least one file");
      }
      for (AzureGroupKey k : groupBy) {
        if (!ALLOWED.contains(k)) {
          throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "group-by key " + k.key()
              + " is not in provider-reported emissions data; use subscription, service, region, resource_group or month");
        }
      }
      if (groupBy.isEmpty()) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "groupBy needs at least one key");
      }
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, f + ": no such file");
        }
      }
      return new AzureEmissionsConnector(this);
    }
  }
}
