package io.offgridflow.cloud;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.internal.SimpleCsv;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundled Cloud Carbon Footprint coefficient tables, edition {@code ccf-2024}: provider
 * constants, processor and GPU watts, AWS instance tables with embodied emissions, replication
 * factors and region grid factors. Loaded once ({@link #load()} reads ~300 kB of CSV); immutable
 * and thread-safe, share one instance.
 *
 * <pre>{@code
 * CcfDataset ccf = CcfDataset.load();
 * ccf.coefficients(CloudProvider.AWS).pue();                 // 1.135
 * ccf.gridKgPerKwh(CloudProvider.AWS, "eu-west-1");           // 0.2786
 * }</pre>
 */
public final class CcfDataset {
  /** Methodology id reported in results. */
  public static final String ID = "ccf-2024";

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
  private static final int PHYSICAL_CHIP_VCPUS = 96;

  private final Map<CloudProvider, CloudCoefficients> coefficients = new EnumMap<>(CloudProvider.class);
  private final Map<String, Double> gcpRegionPue = new HashMap<>();
  private final Map<CloudProvider, Map<String, InstanceSpec>> instances = new EnumMap<>(CloudProvider.class);
  private final Map<CloudProvider, List<ReplicationRule>> replication = new EnumMap<>(CloudProvider.class);
  private final Map<String, Map<String, Double>> gridByVariant = new HashMap<>();
  private final Map<CloudProvider, String> defaultVariant = new EnumMap<>(CloudProvider.class);
  private final Map<String, Double> burstable = new HashMap<>();

  private CcfDataset() {
    loadConstants();
    Map<String, double[]> watts = loadProcessors();
    Map<String, double[]> gpus = loadGpus();
    loadAwsInstances(watts, gpus);
    loadAzureInstances(watts, gpus);
    loadGcpMachines(watts);
    loadReplication();
    loadGrid();
  }

  /**
   * The bundled tables, parsed once per JVM when first asked for and shared: the dataset is
   * immutable, so every model and connector can use the same one.
   */
  public static CcfDataset load() {
    return Bundled.DATASET;
  }

  /** Holder: the tables are parsed on first use, not when the class loads. */
  private static final class Bundled {
    static final CcfDataset DATASET = new CcfDataset();
  }

  /** The provider's CCF constants. */
  public CloudCoefficients coefficients(CloudProvider p) {
    return coefficients.get(p);
  }

  /** GCP's trailing-twelve-month PUE for a region, if CCF has one (other providers: empty). */
  public Optional<Double> regionPue(CloudProvider p, String region) {
    return p == CloudProvider.GCP ? Optional.ofNullable(gcpRegionPue.get(region)) : Optional.empty();
  }

  /**
   * An instance type by its exact CCF key: AWS {@code m5.large}, Azure meter name {@code D2s v3},
   * GCP machine type {@code n2-standard-8}.
   */
  public Optional<InstanceSpec> instance(CloudProvider p, String type) {
    Map<String, InstanceSpec> m = instances.get(p);
    return m == null ? Optional.empty() : Optional.ofNullable(m.get(type));
  }

  /** All instance types of a provider, in CCF's table order. */
  public List<InstanceSpec> instances(CloudProvider p) {
    Map<String, InstanceSpec> m = instances.get(p);
    return m == null ? List.of() : List.copyOf(m.values());
  }

  /** Replication rules of a provider, in precedence order per service. */
  public List<ReplicationRule> replicationRules(CloudProvider p) {
    return List.copyOf(replication.getOrDefault(p, List.of())); // the shared dataset stays unchanged
  }

  /**
   * CCF's replication factor for a row: the first matching rule of the service, else of {@code *},
   * else 1 (what CCF's estimators assume when the function returns undefined).
   */
  public double replicationFactor(CloudProvider p, String service, String usageType, String region) {
    double fallback = Double.NaN;
    for (ReplicationRule r : replicationRules(p)) {
      if (r.service().equals(service) && r.matches(usageType, region)) {
        return r.factor();
      }
      if (Double.isNaN(fallback) && r.service().equals("*")) {
        fallback = r.factor();
      }
    }
    return Double.isNaN(fallback) ? 1 : fallback;
  }

  /** Variants of the region table ({@code core-0.17.3}, {@code core-1.0.0}, {@code grid}, {@code cfe}). */
  public String defaultGridVariant(CloudProvider p) {
    return defaultVariant.get(p);
  }

  /**
   * Grid factor in kg CO2e per kWh for a provider region under CCF's default variant; regions CCF
   * does not list get its {@code Unknown} row, as in CCF.
   */
  public double gridKgPerKwh(CloudProvider p, String region) {
    return gridKgPerKwh(p, defaultVariant.get(p), region);
  }

  /** Grid factor under a named variant; see {@link #defaultGridVariant}. */
  public double gridKgPerKwh(CloudProvider p, String variant, String region) {
    Map<String, Double> t = gridByVariant.get(p.prefix() + "/" + variant);
    if (t == null) {
      throw new OffGridFlowException(CoreErrorCode.UNKNOWN_DATASET,
          "no " + p + " region table variant '" + variant + "' in " + ID);
    }
    Double v = t.get(region);
    return v != null ? v : t.get("Unknown");
  }

  /** Whether CCF's table lists the region (else {@link #gridKgPerKwh} uses {@code Unknown}). */
  public boolean hasRegion(CloudProvider p, String region) {
    return gridByVariant.get(p.prefix() + "/" + defaultVariant.get(p)).containsKey(region);
  }

  /** Region keys of a provider's default variant (includes {@code Unknown}). */
  public List<String> regions(CloudProvider p) {
    return List.copyOf(gridByVariant.get(p.prefix() + "/" + defaultVariant.get(p)).keySet());
  }

  /** CCF's burstable baseline CPU % for an AWS type, or NaN. */
  public double burstableBaselinePct(String type) {
    return burstable.getOrDefault(type, Double.NaN);
  }

  private void loadConstants() {
    SimpleCsv t = SimpleCsv.resource("provider_constants.csv");
    for (String[] r : t.rows()) {
      CloudProvider p = CloudProvider.fromKey(t.get(r, "provider"));
      if (!t.get(r, "region").equals("*")) {
        gcpRegionPue.put(t.get(r, "region"), t.num(r, "pue"));
        continue;
      }
      double mem = t.num(r, "default_memory_gb_per_physical_chip");
      coefficients.put(p, new CloudCoefficients(t.num(r, "pue"), t.num(r, "default_min_watts_per_vcpu"),
          t.num(r, "default_max_watts_per_vcpu"), t.num(r, "avg_cpu_utilization_pct") / 100,
          t.num(r, "ssd_wh_per_tb_hour"), t.num(r, "hdd_wh_per_tb_hour"), t.num(r, "network_kwh_per_gb"),
          t.num(r, "memory_kwh_per_gb_hour"), Double.isNaN(mem) ? 0 : mem, t.num(r, "server_lifespan_hours")));
    }
  }

  /** provider/microarchitecture -> {min, max, memory per chip}; NaN where CCF's table lacks it. */
  private Map<String, double[]> loadProcessors() {
    SimpleCsv t = SimpleCsv.resource("processors.csv");
    Map<String, double[]> out = new HashMap<>();
    for (String[] r : t.rows()) {
      boolean inTable = Boolean.parseBoolean(t.get(r, "in_ccf_watts_table"));
      out.put(t.get(r, "provider") + "/" + t.get(r, "microarchitecture"), inTable
          ? new double[] {t.num(r, "min_watts_per_vcpu"), t.num(r, "max_watts_per_vcpu"),
              t.num(r, "memory_gb_per_physical_chip")}
          : new double[] {Double.NaN, Double.NaN, Double.NaN});
    }
    return out;
  }

  private Map<String, double[]> loadGpus() {
    SimpleCsv t = SimpleCsv.resource("gpus.csv");
    Map<String, double[]> out = new HashMap<>();
    for (String[] r : t.rows()) {
      out.put(t.get(r, "provider") + "/" + t.get(r, "gpu_model"),
          new double[] {t.num(r, "min_watts"), t.num(r, "max_watts")});
    }
    return out;
  }

  private void loadAwsInstances(Map<String, double[]> watts, Map<String, double[]> gpus) {
    SimpleCsv t = SimpleCsv.resource("aws_instance_types.csv");
    CloudCoefficients aws = coefficients.get(CloudProvider.AWS);
    // The memory estimate needs the family's last-listed size (CCF's "largest"), so collect first.
    Map<String, String[]> lastOfFamily = new HashMap<>();
    java.util.Set<String> ec2Families = new java.util.HashSet<>();
    for (String[] r : t.rows()) {
      if (t.get(r, "table").equals("EC2")) {
        ec2Families.add(t.get(r, "family"));
      }
    }
    for (String[] r : t.rows()) {
      String table = t.get(r, "table");
      if (table.equals("EC2") || table.equals("EC2_U_FAMILY")) {
        lastOfFamily.put(t.get(r, "family"), r);
      } else if (table.equals("REDSHIFT") && !ec2Families.contains(t.get(r, "family"))) {
        lastOfFamily.put(t.get(r, "family"), r);
      }
      if (!Double.isNaN(t.num(r, "burstable_baseline_pct"))) {
        burstable.put(t.get(r, "instance_type"), t.num(r, "burstable_baseline_pct"));
      }
    }
    Map<String, InstanceSpec> out = new LinkedHashMap<>();
    for (String[] r : t.rows()) {
      String table = t.get(r, "table");
      if (!(table.equals("EC2") || table.equals("EC2_U_FAMILY") || table.equals("REDSHIFT"))) {
        continue;
      }
      String type = t.get(r, "instance_type");
      String family = t.get(r, "family");
      if (table.equals("REDSHIFT") && out.containsKey(type)) {
        continue; // ra3 nodes are also EC2 types: CCF takes their embodied and memory from EC2_INSTANCE_TYPES
      }
      List<String> procs = t.get(r, "processors").isEmpty() ? List.of()
          : Arrays.asList(t.get(r, "processors").split(";"));
      double[] w = wattsFor(CloudProvider.AWS, procs, watts, aws);
      String[] last = lastOfFamily.get(family);
      int largest = (int) t.num(last, "vcpus");
      double largestMem = t.num(last, "memory_gb");
      double mem = t.num(r, "memory_gb");
      boolean isBurstable = burstable.containsKey(type);
      double extra = 0;
      if (!isBurstable && !Double.isNaN(mem) && !Double.isNaN(largestMem)) {
        int chips = family.equals("m5zn") || family.equals("z1d") ? 2
            : (int) Math.ceil((double) largest / PHYSICAL_CHIP_VCPUS);
        // CCF's calculateGigabyteHours: the largest size's memory per physical chip, less what the
        // CPU coefficient covers per chip, scaled by this size's share of the largest's memory.
        double extraPerChip = largestMem / chips - w[2];
        extra = Math.max(0, extraPerChip * mem / largestMem);
      }
      String gpuModel = t.get(r, "gpu_model");
      double[] g = gpuModel.isEmpty() ? new double[] {0, 0} : gpus.get("AWS/" + gpuModel);
      double te = t.num(r, "embodied_kgco2e");
      // CCF reads the memory GB as TE for the u-*tb1 families (README quirk 4): kept for compat mode.
      double ccfTe = table.equals("EC2_U_FAMILY") ? mem * 1000 : te;
      double gpuCount = t.num(r, "gpu_count");
      out.put(type, new InstanceSpec(type, family, (int) zeroIfNaN(t.num(r, "vcpus")), zeroIfNaN(mem), procs,
          w[0], w[1], extra, (int) zeroIfNaN(gpuCount), g[0], g[1], t.num(r, "burstable_baseline_pct"),
          te, largest, ccfTe));
    }
    instances.put(CloudProvider.AWS, out);
  }

  /**
   * Azure VM series and constrained-vCPU types, keyed by the Consumption-API meter name. A type listed
   * in two series resolves to the last one, as in CCF (README quirk 12).
   */
  private void loadAzureInstances(Map<String, double[]> watts, Map<String, double[]> gpus) {
    SimpleCsv t = SimpleCsv.resource("azure_vm_types.csv");
    CloudCoefficients az = coefficients.get(CloudProvider.AZURE);
    Map<String, String[]> lastOfSeries = new HashMap<>();
    for (String[] r : t.rows()) {
      if (t.get(r, "table").equals("SERIES")) {
        lastOfSeries.put(t.get(r, "series"), r);
      }
    }
    Map<String, InstanceSpec> out = new LinkedHashMap<>();
    for (String[] r : t.rows()) {
      String table = t.get(r, "table");
      if (!(table.equals("SERIES") || table.equals("CONSTRAINED_VCPU"))) {
        continue;
      }
      List<String> procs = t.get(r, "processors").isEmpty() ? List.of()
          : Arrays.asList(t.get(r, "processors").split(";"));
      double[] w = wattsFor(CloudProvider.AZURE, procs, watts, az);
      int largest = (int) zeroIfNaN(t.num(r, "largest_vcpu_in_series_ccf"));
      double mem = t.num(r, "memory_gb");
      String[] last = lastOfSeries.get(t.get(r, "series"));
      double largestMem = last == null ? Double.NaN : t.num(last, "memory_gb");
      double extra = 0;
      if (!Double.isNaN(mem) && !Double.isNaN(largestMem) && largest > 0) {
        int chips = (int) Math.ceil((double) largest / PHYSICAL_CHIP_VCPUS);
        extra = Math.max(0, (largestMem / chips - w[2]) * mem / largestMem);
      }
      String gpuModel = t.get(r, "gpu_model");
      double[] g = gpuModel.isEmpty() || gpus.get("AZURE/" + gpuModel) == null ? new double[] {0, 0}
          : gpus.get("AZURE/" + gpuModel);
      double te = t.num(r, "embodied_kgco2e");
      out.put(t.get(r, "vm_type"), new InstanceSpec(t.get(r, "vm_type"), t.get(r, "series"),
          (int) zeroIfNaN(t.num(r, "vcpus")), zeroIfNaN(mem), procs, w[0], w[1], extra,
          (int) zeroIfNaN(t.num(r, "gpu_count")), g[0], g[1], Double.NaN, te, largest, te));
    }
    instances.put(CloudProvider.AZURE, out);
  }

  /**
   * GCP machine types. Processors are the ones CCF declares for the family; CCF's own lookup uses
   * the first two characters of the type (README quirk 7: n2d/c2d get Cascade Lake) and is not
   * reproduced. CCF holds no GCP memory sizes, so no separate memory estimate.
   */
  private void loadGcpMachines(Map<String, double[]> watts) {
    SimpleCsv t = SimpleCsv.resource("gcp_machine_types.csv");
    CloudCoefficients gcp = coefficients.get(CloudProvider.GCP);
    Map<String, InstanceSpec> out = new LinkedHashMap<>();
    for (String[] r : t.rows()) {
      List<String> procs = t.get(r, "processors_declared_for_family").isEmpty() ? List.of()
          : Arrays.asList(t.get(r, "processors_declared_for_family").split(";"));
      double[] w = wattsFor(CloudProvider.GCP, procs, watts, gcp);
      double te = t.num(r, "embodied_kgco2e");
      out.put(t.get(r, "machine_type"), new InstanceSpec(t.get(r, "machine_type"), t.get(r, "family"),
          (int) zeroIfNaN(t.num(r, "vcpus")), 0, procs, w[0], w[1], 0, 0, 0, 0, Double.NaN, te,
          (int) zeroIfNaN(t.num(r, "largest_vcpu_in_family_ccf")), te));
    }
    instances.put(CloudProvider.GCP, out);
  }

  private static double zeroIfNaN(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  /**
   * CCF's rule for several processors: the median when Sandy or Ivy Bridge is listed, else the mean;
   * a processor missing from the watts table makes the mean NaN and CCF falls back to the default.
   */
  static double[] wattsFor(CloudProvider p, List<String> procs, Map<String, double[]> watts, CloudCoefficients c) {
    if (procs.isEmpty()) {
      return new double[] {c.minWattsPerVcpu(), c.maxWattsPerVcpu(), c.defaultMemoryGbPerChip()};
    }
    double[] out = new double[3];
    boolean median = procs.contains("Sandy Bridge") || procs.contains("Ivy Bridge");
    for (int k = 0; k < 3; k++) {
      double[] vals = new double[procs.size()];
      for (int i = 0; i < procs.size(); i++) {
        double[] w = watts.get(p.name() + "/" + procs.get(i));
        vals[i] = w == null ? Double.NaN : w[k];
      }
      out[k] = median ? median(vals) : mean(vals);
    }
    if (Double.isNaN(out[0]) || Double.isNaN(out[1])) {
      out[0] = c.minWattsPerVcpu();
      out[1] = c.maxWattsPerVcpu();
    }
    if (Double.isNaN(out[2])) {
      out[2] = c.defaultMemoryGbPerChip();
    }
    return out;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double d : v) {
      s += d;
    }
    return s / v.length;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private void loadReplication() {
    SimpleCsv t = SimpleCsv.resource("replication_factors.csv");
    for (String[] r : t.rows()) {
      CloudProvider p = CloudProvider.fromKey(t.get(r, "provider"));
      String rule = t.get(r, "usage_type_rule");
      List<String> contains = new ArrayList<>();
      if (rule.contains("contains")) {
        Matcher m = QUOTED.matcher(rule);
        while (m.find()) {
          contains.add(m.group(1));
        }
      }
      replication.computeIfAbsent(p, k -> new ArrayList<>()).add(new ReplicationRule(p, t.get(r, "service"),
          contains, t.get(r, "region_rule"), t.num(r, "factor")));
    }
  }

  private void loadGrid() {
    SimpleCsv t = SimpleCsv.resource("region_factors.csv");
    for (String[] r : t.rows()) {
      CloudProvider p = CloudProvider.fromKey(t.get(r, "provider").toLowerCase(Locale.ROOT));
      String variant = t.get(r, "variant");
      gridByVariant.computeIfAbsent(p.prefix() + "/" + variant, k -> new LinkedHashMap<>())
          .put(t.get(r, "region"), t.num(r, "kg_co2e_per_kwh"));
      if (Boolean.parseBoolean(t.get(r, "ccf_default"))) {
        defaultVariant.put(p, variant);
      }
    }
  }
}
