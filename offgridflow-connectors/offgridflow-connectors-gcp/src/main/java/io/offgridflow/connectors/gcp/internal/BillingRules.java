package io.offgridflow.connectors.gcp.internal;

import io.offgridflow.cloud.CcfDataset;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudProvider;
import io.offgridflow.cloud.InstanceSpec;
import io.offgridflow.cloud.StorageMedium;
import io.offgridflow.cloud.UsageClass;
import io.offgridflow.cloud.internal.SimpleCsv;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Cloud Carbon Footprint's GCP billing-export rules ({@code BillingExportTable.ts}), in CCF's order:
 * non-regular cost types are ignored; SKUs with an unsupported usage type are unsupported; unknown
 * usage types, services and units are unknown; then the usage unit routes the row: seconds of a
 * compute SKU to compute (vCPU- or GPU-hours), byte-seconds to memory or SSD/HDD storage, bytes of
 * egress to networking, any other unit is unsupported. Thread-safe.
 *
 * <pre>{@code
 * BillingRules rules = new BillingRules(CcfModel.builder().build());
 * BillingRules.Estimate e = rules.estimate(row);   // e.usageClass(), e.kwh(), e.embodiedKg(), e.reason()
 * }</pre>
 */
public final class BillingRules {
  private static final CloudProvider GCP = CloudProvider.GCP;
  private static final double GIB = 1L << 30;
  private static final double TIB = 1L << 40;
  private static final double SECONDS_PER_HOUR = 3600;
  // "N2 Instance Core", "N2D AMD Instance Core", "E2 Instance Ram", "A2 Instance Core", "T2D AMD ...".
  private static final String UNKNOWN_UNIT = "Unknown";
  private static final Pattern FAMILY_PREFIX = Pattern.compile("^([A-Z][0-9][A-Z]?) ");

  private final CcfModel model;
  private final CcfDataset data;
  private final GcpUsageLists lists;
  private final Map<String, double[]> gpuWatts = new HashMap<>();
  private final Map<String, Optional<InstanceSpec>> familySpecs = new ConcurrentHashMap<>();

  public BillingRules(CcfModel model) {
    this.model = model;
    this.data = model.dataset();
    this.lists = GcpUsageLists.load();
    SimpleCsv gpus = SimpleCsv.resource("gpus.csv");
    for (String[] r : gpus.rows()) {
      if (gpus.get(r, "provider").equals("GCP")) {
        gpuWatts.put(gpus.get(r, "gpu_model"), new double[] {gpus.num(r, "min_watts"), gpus.num(r, "max_watts")});
      }
    }
  }

  /** The model the rules estimate with. */
  public CcfModel model() {
    return model;
  }

  /** Classifies and, for known classes, estimates one row. */
  public Estimate estimate(BillingRow r) {
    // CCF rescales two kinds of rows before anything else (BillingExportRow.ts): the unit of services
    // with huge request or second counts becomes "Unknown", and Pod mCPU requests count millicores.
    String unit = GcpUsageLists.firstContained(r.service(), lists.servicesWithUnknownUnit) != null ? UNKNOWN_UNIT
        : r.unit();
    double amount = r.sku().contains("Pod mCPU Requests") ? r.amount() / 1000 : r.amount();
    if (!r.costType().isEmpty() && !r.costType().equals("regular")) {
      return Estimate.of(UsageClass.IGNORED, "ignored: cost type " + r.costType(), amount, unit);
    }
    String sku = r.sku();
    String term = GcpUsageLists.firstContained(sku, lists.unsupportedUsageTypes);
    if (term != null) {
      return Estimate.of(UsageClass.UNSUPPORTED, "unsupported: usage type contains '" + term + "'", amount, unit);
    }
    if (sku.isEmpty()) {
      return Estimate.of(UsageClass.UNKNOWN, "unknown: no sku description", amount, unit);
    }
    term = GcpUsageLists.firstContained(sku, lists.unknownUsageTypes);
    if (term != null) {
      return Estimate.of(UsageClass.UNKNOWN, "unknown: usage type contains '" + term + "'", amount, unit);
    }
    term = GcpUsageLists.firstContained(r.service(), lists.unknownServiceTypes);
    if (term != null) {
      return Estimate.of(UsageClass.UNKNOWN, "unknown: service " + r.service(), amount, unit);
    }
    if (lists.unknownUsageUnits.contains(unit)) {
      return Estimate.of(UsageClass.UNKNOWN, "unknown: usage unit " + unit, amount, unit);
    }
    boolean computeTerm = GcpUsageLists.firstContained(sku, lists.computeStrings) != null;
    double replication = data.replicationFactor(GCP, r.service(), sku, r.region());
    switch (unit) {
      case "seconds":
        if (!computeTerm) {
          return Estimate.of(UsageClass.UNKNOWN, "unknown: seconds of a usage type that is not compute", amount,
              unit);
        }
        return compute(r, replication);
      case "byte-seconds": {
        boolean memory = GcpUsageLists.firstContained(sku, lists.memoryUsageTypes) != null && !computeTerm;
        if (memory) {
          // CCF's GCP memory estimate takes PUE but no replication factor.
          double gbHours = amount / GIB / SECONDS_PER_HOUR;
          return Estimate.known(UsageClass.MEMORY, model.memoryKwh(GCP, r.region(), gbHours, 1), 0, amount, unit);
        }
        StorageMedium medium = sku.contains("SSD") ? StorageMedium.SSD : StorageMedium.HDD;
        double tbHours = amount / TIB / SECONDS_PER_HOUR;
        return Estimate.known(UsageClass.STORAGE, model.storageKwh(GCP, r.region(), medium, tbHours, replication),
            0, amount, unit);
      }
      case "bytes":
        if (GcpUsageLists.firstContained(sku, lists.networkingStrings) == null) {
          return Estimate.of(UsageClass.UNKNOWN, "unknown: bytes of a usage type that is not egress", amount, unit);
        }
        return Estimate.known(UsageClass.NETWORKING, model.networkKwh(GCP, r.region(), amount / GIB), 0, amount,
            unit);
      default:
        return Estimate.of(UsageClass.UNSUPPORTED, "unsupported: usage unit '" + unit + "'", amount, unit);
    }
  }

  private Estimate compute(BillingRow r, double replication) {
    double seconds = r.amount();
    double vcpuHours = seconds / SECONDS_PER_HOUR;
    InstanceSpec spec;
    if (isClusterFee(r.sku())) {
      // GKE and Cloud Composer bill per cluster or environment; CCF counts each as a few vCPUs of the
      // machine type GKE defaults to (e2-medium), and takes embodied emissions for that type.
      vcpuHours *= r.sku().contains("Kubernetes Clusters") ? lists.vcpusPerGkeCluster
          : lists.vcpusPerComposerEnvironment;
      spec = data.instance(GCP, lists.gkeAndComposerMachineType).orElse(null);
    } else if (r.sku().contains("GPU")) {
      double[] w = gpuWatts(r.sku());
      return Estimate.known(UsageClass.COMPUTE, model.computeKwh(GCP, r.region(), vcpuHours, w[0], w[1],
          replication), 0, r.amount(), r.unit());
    } else {
      spec = machine(r.machineSpec(), r.sku());
    }
    if (spec == null) {
      return Estimate.known(UsageClass.COMPUTE, model.computeKwh(GCP, r.region(), vcpuHours, replication), 0,
          r.amount(), r.unit());
    }
    double kwh = model.computeKwh(GCP, r.region(), vcpuHours, spec.minWattsPerVcpu(), spec.maxWattsPerVcpu(),
        replication);
    // Instance-hours as CCF takes them: the row's seconds over the machine's vCPUs (before the GKE multiplier).
    double instanceHours = spec.vcpus() > 0 ? seconds / spec.vcpus() / SECONDS_PER_HOUR : 0;
    double embodied = model.embodiedKgCo2e(GCP, spec, instanceHours);
    return Estimate.known(UsageClass.COMPUTE, kwh, embodied, r.amount(), r.unit());
  }

  private static boolean isClusterFee(String sku) {
    return sku.contains("Kubernetes Clusters") || sku.contains("Cloud Composer Compute CPUs")
        || sku.contains("Cloud Composer vCPU") || sku.contains("Cloud Composer SQL vCPU");
  }

  /**
   * The machine a compute row ran on: the exact type from the {@code machine_spec} system label when
   * CCF's table has it, else a type of the family the label or the SKU names ({@code N2D AMD Instance
   * Core} is n2d), else none (default watts, no embodied share).
   */
  @Nullable InstanceSpec machine(String machineSpec, String sku) {
    if (!machineSpec.isEmpty()) {
      Optional<InstanceSpec> exact = data.instance(GCP, machineSpec);
      if (exact.isPresent()) {
        return exact.get();
      }
      int dash = machineSpec.indexOf('-');
      if (dash > 0) {
        return familySpec(machineSpec.substring(0, dash)).orElse(null);
      }
    }
    String family = skuFamily(sku);
    return family == null ? null : familySpec(family).orElse(null);
  }

  /** The machine family a Compute Engine SKU description names, lower case, or null. */
  static @Nullable String skuFamily(String sku) {
    Matcher m = FAMILY_PREFIX.matcher(sku);
    if (m.find()) {
      return m.group(1).toLowerCase(Locale.ROOT);
    }
    if (sku.startsWith("Compute optimized")) {
      return "c2";
    }
    if (sku.startsWith("Memory-optimized")) {
      return "m1";
    }
    if (sku.startsWith("Predefined Instance") || sku.startsWith("Custom Instance")) {
      return "n1"; // first-generation SKUs carry no family prefix
    }
    return null;
  }

  /** The family's {@code -standard} type if CCF lists one, else its first listed type. */
  private Optional<InstanceSpec> familySpec(String family) {
    return familySpecs.computeIfAbsent(family, f -> {
      InstanceSpec first = null;
      for (InstanceSpec s : data.instances(GCP)) {
        if (s.family().equals(f + "-standard")) {
          return Optional.of(s);
        }
        if (first == null && s.type().startsWith(f + "-") && s.vcpus() > 0) {
          first = s;
        }
      }
      return Optional.ofNullable(first);
    });
  }

  /**
   * GPU watts as CCF picks them: the GPU models the SKU starts with, else the mean over all of CCF's
   * GCP GPU models (CCF's SKUs say "Nvidia Tesla T4" where its list says "Nvidia T4", so most rows
   * take the mean; reproduced for the same numbers).
   */
  double[] gpuWatts(String sku) {
    double[] sum = new double[2];
    int n = 0;
    for (String g : lists.gpuMachineTypes) {
      if (sku.startsWith(g) && gpuWatts.containsKey(g)) {
        sum[0] += gpuWatts.get(g)[0];
        sum[1] += gpuWatts.get(g)[1];
        n++;
      }
    }
    if (n == 0) {
      for (String g : lists.gpuMachineTypes) {
        double[] w = gpuWatts.get(g);
        if (w != null) {
          sum[0] += w[0];
          sum[1] += w[1];
          n++;
        }
      }
    }
    return new double[] {sum[0] / n, sum[1] / n};
  }

  /**
   * What a row was counted as and, for known classes, its operational kWh (PUE and replication
   * included) and embodied kg CO2e; unknown rows get their kWh later from the known rows. {@code
   * amount} and {@code unit} are the usage as CCF counts it (after its rescaling of a few services).
   */
  public record Estimate(UsageClass usageClass, String reason, double kwh, double embodiedKg, double amount,
      String unit) {
    static Estimate of(UsageClass c, String reason, double amount, String unit) {
      return new Estimate(c, reason, 0, 0, amount, unit);
    }

    static Estimate known(UsageClass c, double kwh, double embodiedKg, double amount, String unit) {
      return new Estimate(c, "", kwh, embodiedKg, amount, unit);
    }
  }
}
