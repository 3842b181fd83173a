package io.offgridflow.cloud;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.calc.Activity;
import io.offgridflow.calc.InvalidActivityException;
import io.offgridflow.calc.spi.CloudEnergyModel;
import io.offgridflow.cloud.internal.SimpleCsv;
import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.EmissionFactor;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.factors.FactorCategory;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.factors.InMemoryFactorSource;
import io.offgridflow.factors.spi.FactorSource;
import io.offgridflow.units.Dimension;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Cloud Carbon Footprint's energy model, methodology {@code ccf-2024}: usage (vCPU-hours, TB-hours,
 * GB transferred, GB-hours of memory) to kWh at the meter (PUE included) and embodied emissions,
 * with CCF's coefficients by default and any of them overridable. Immutable and thread-safe.
 *
 * <p>The formulas (CCF core):
 * <pre>
 * compute kWh = (minW + u * (maxW - minW)) * vCPU-hours * PUE * replication / 1000
 * storage kWh = TB-hours * Wh/TBh(SSD|HDD) * PUE * replication / 1000
 * network kWh = GB * kWh/GB * PUE
 * memory kWh  = GB-hours * kWh/GBh * PUE * replication
 * embodied kg = TE * hours / lifespan * vCPUs / largest vCPUs of the family
 * </pre>
 *
 * <p>Where CCF is wrong this model is right by default and says so; {@link Builder#ccfQuirks(boolean)}
 * reproduces CCF exactly for comparisons. The differences: embodied emissions (CCF divides the
 * instance-hours by the vCPUs, so every size of a family gets the same value per hour; here they
 * scale with the vCPUs reserved), the u-*tb1 families (CCF reads memory GB as embodied tonnes) and,
 * in the AWS connector, S3-style {@code ByteHrs} rows (CCF divides GB-months by 2^40).
 *
 * <pre>{@code
 * CcfModel model = CcfModel.builder().cpuUtilisation(0.4).build();
 * Calculator calc = Calculator.builder()
 *     .catalog(FactorCatalog.builder().addSource(model.gridFactorSource()).build())
 *     .cloudEnergyModel(model)
 *     .build();
 * calc.calculate(Activity.cloud("c1", Quantity.of(1000, Unit.VCPU_HOUR), "aws:eu-west-1")
 *     .mode("m5.large").build());
 * }</pre>
 */
public final class CcfModel implements CloudEnergyModel {
  /** Dataset of CCF's region grid factors as supplied by {@link #gridFactorSource()}. */
  public static final DatasetInfo GRID_DATASET = new DatasetInfo(CcfDataset.ID, "Cloud Carbon Footprint region grid factors",
      "Cloud Carbon Footprint (Thoughtworks)", "aws 0.15.0 / azure 1.8.0 (core 0.17.3); gcp git b7a049c",
      LocalDate.of(2024, 3, 25), "Apache-2.0", DatasetInfo.Tier.PRIMARY);

  private static final double HOURS_PER_MONTH = 730; // 8760 / 12: activities carry no billing month

  private final CcfDataset data;
  private final Map<CloudProvider, CloudCoefficients> coefficients;
  private final boolean quirks;
  private final @Nullable FactorCatalog coreCatalog;
  private final Map<String, String> coreRegionMap;
  private final Map<String, Double> coreGridCache = new ConcurrentHashMap<>();

  private CcfModel(Builder b) {
    this.data = b.data != null ? b.data : CcfDataset.load();
    this.quirks = b.quirks;
    this.coreCatalog = b.coreCatalog;
    Map<CloudProvider, CloudCoefficients> c = new EnumMap<>(CloudProvider.class);
    for (CloudProvider p : CloudProvider.values()) {
      CloudCoefficients base = b.overrides.getOrDefault(p, data.coefficients(p));
      if (b.utilisation != null) {
        base = base.withCpuUtilisation(b.utilisation);
      }
      c.put(p, base);
    }
    this.coefficients = c;
    Map<String, String> m = new HashMap<>();
    SimpleCsv t = SimpleCsv.resource("core_region_map.csv");
    for (String[] r : t.rows()) {
      m.put(CloudProvider.fromKey(t.get(r, "provider")).prefix() + ":" + t.get(r, "region"), t.get(r, "core_region"));
    }
    this.coreRegionMap = m;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String methodology() {
    return quirks ? CcfDataset.ID + "+ccf-quirks" : CcfDataset.ID;
  }

  /** The tables behind this model. */
  public CcfDataset dataset() {
    return data;
  }

  /** Whether CCF's known errors are reproduced (see class comment). */
  public boolean ccfQuirks() {
    return quirks;
  }

  /** The effective coefficients of a provider (CCF's, with this model's overrides). */
  public CloudCoefficients coefficients(CloudProvider p) {
    return coefficients.get(p);
  }

  /** PUE for a provider region: GCP's per-region value where CCF has one and no override. */
  public double pue(CloudProvider p, String region) {
    CloudCoefficients c = coefficients.get(p);
    if (c == data.coefficients(p)) {
      return data.regionPue(p, region).orElse(c.pue());
    }
    return c.pue();
  }

  /** Compute kWh for vCPU-hours at the given watts per vCPU (processor-specific or default). */
  public double computeKwh(CloudProvider p, String region, double vcpuHours, double minW, double maxW,
      double replication) {
    double u = coefficients.get(p).cpuUtilisation();
    return (minW + u * (maxW - minW)) * vcpuHours * pue(p, region) * replication / 1000;
  }

  /** Compute kWh with the provider's default watts (processor unknown). */
  public double computeKwh(CloudProvider p, String region, double vcpuHours, double replication) {
    CloudCoefficients c = coefficients.get(p);
    return computeKwh(p, region, vcpuHours, c.minWattsPerVcpu(), c.maxWattsPerVcpu(), replication);
  }

  /** Storage kWh for terabyte-hours of SSD or HDD. */
  public double storageKwh(CloudProvider p, String region, StorageMedium medium, double tbHours,
      double replication) {
    CloudCoefficients c = coefficients.get(p);
    double wh = medium == StorageMedium.SSD ? c.ssdWhPerTbHour() : c.hddWhPerTbHour();
    return tbHours * wh * pue(p, region) * replication / 1000;
  }

  /** Network kWh for gigabytes transferred (CCF applies no replication to networking). */
  public double networkKwh(CloudProvider p, String region, double gb) {
    return gb * coefficients.get(p).networkKwhPerGb() * pue(p, region);
  }

  /** Memory kWh for GB-hours beyond what the CPU coefficient covers. */
  public double memoryKwh(CloudProvider p, String region, double gbHours, double replication) {
    return gbHours * coefficients.get(p).memoryKwhPerGbHour() * pue(p, region) * replication;
  }

  /**
   * Embodied kg CO2e of running {@code instanceHours} of an instance type; 0 when the type has no
   * embodied figure. With {@link Builder#ccfQuirks} this is CCF's value (same for every size).
   */
  public double embodiedKgCo2e(CloudProvider p, InstanceSpec s, double instanceHours) {
    double lifespan = coefficients.get(p).serverLifespanHours();
    if (s.largestVcpusInFamily() <= 0) {
      return 0;
    }
    if (quirks) {
      return Double.isNaN(s.ccfEmbodiedTe()) ? 0 : s.ccfEmbodiedTe() * instanceHours / (lifespan * s.largestVcpusInFamily());
    }
    if (Double.isNaN(s.embodiedKgCo2e()) || s.vcpus() <= 0) {
      return 0;
    }
    return s.embodiedKgCo2e() * instanceHours / lifespan * s.vcpus() / s.largestVcpusInFamily();
  }

  /**
   * Grid kg CO2e per kWh for a provider region: CCF's table by default (its {@code Unknown} row for
   * unlisted regions), or core's eGRID / Ember / Google 2024 data when built with {@link
   * Builder#coreGridFactors}.
   */
  public double gridKgPerKwh(CloudProvider p, String region) {
    if (coreCatalog == null) {
      return data.gridKgPerKwh(p, region);
    }
    return coreGridCache.computeIfAbsent(p.prefix() + ":" + region, this::coreFactor);
  }

  /** The grid region a provider region resolves to ({@code aws:us-east-1}, or {@code US-SRVC} with core factors). */
  public String gridRegion(CloudProvider p, String region) {
    String key = p.prefix() + ":" + region;
    if (coreCatalog == null || p == CloudProvider.GCP) {
      return key;
    }
    String mapped = coreRegionMap.get(key);
    if (mapped == null) {
      throw new OffGridFlowException(CoreErrorCode.FACTOR_NOT_FOUND, "no core grid region is mapped for "
          + key + " (core_region_map.csv covers AWS regions); use CCF's grid factors for it");
    }
    return mapped;
  }

  private double coreFactor(String key) {
    int colon = key.indexOf(':');
    CloudProvider p = CloudProvider.fromKey(key.substring(0, colon));
    String grid = gridRegion(p, key.substring(colon + 1));
    FactorCategory cat = grid.indexOf(':') >= 0 ? FactorCategory.CLOUD_REGION : FactorCategory.GRID_ELECTRICITY;
    EmissionFactor f = coreCatalog.resolve(cat, "", grid, Dimension.ENERGY, null).orElseThrow(() ->
        new OffGridFlowException(CoreErrorCode.FACTOR_NOT_FOUND, "no grid factor for " + grid + " (from " + key + ")"));
    return f.co2ePerUnit(coreCatalog.gwp(GwpSet.AR5)) * Quantity.of(1, Unit.KWH).valueIn(f.unit().orElseThrow());
  }

  /**
   * CCF's region grid factors as CLOUD_REGION factors ({@code aws:us-east-1}, {@code azure:westeurope},
   * {@code gcp:europe-west1}) of dataset {@code ccf-2024}, to add to a {@link FactorCatalog}.
   */
  public FactorSource gridFactorSource() {
    InMemoryFactorSource.Builder b = InMemoryFactorSource.builder();
    for (CloudProvider p : CloudProvider.values()) {
      for (String region : data.regions(p)) {
        double kg = data.gridKgPerKwh(p, region);
        String r = p.prefix() + ":" + region;
        b.add(EmissionFactor.builder()
            .id(CcfDataset.ID + ":" + r.toLowerCase(Locale.ROOT).replace(' ', '-'))
            .dataset(GRID_DATASET)
            .category(FactorCategory.CLOUD_REGION)
            .subject("")
            .region(r)
            .name("CCF grid factor " + r + " (" + data.defaultGridVariant(p) + ")")
            .unit(Unit.KWH)
            .co2eOnly(kg, null)
            .published(kg + " kg CO2e/kWh, CCF " + data.defaultGridVariant(p) + " region table")
            .sourceRef(region)
            .build());
      }
    }
    return b.build();
  }

  /**
   * Estimates one cloud activity. The region is {@code provider:region}; the quantity's unit picks
   * the estimator: vCPU-hours (compute; {@code mode} may name an instance type such as {@code m5.large}
   * for its processors, memory and embodied emissions), GB (networking), GB-hours or TB-hours
   * (storage; {@code mode} {@code hdd}, {@code ssd} (default, as CCF does for unknown media) or
   * {@code memory}), GB-months (storage at 730 hours a month).
   */
  @Override
  public CloudEstimate estimate(Activity a) {
    String full = a.region().orElseThrow(() -> new InvalidActivityException(a.id(), "region", "",
        "cloud activities need a region such as aws:us-east-1"));
    int colon = full.indexOf(':');
    if (colon < 0) {
      throw new InvalidActivityException(a.id(), "region", full,
          "the CCF model needs provider:region, e.g. aws:us-east-1, azure:westeurope, gcp:europe-west1");
    }
    CloudProvider p;
    try {
      p = CloudProvider.fromKey(full.substring(0, colon));
    } catch (OffGridFlowException e) {
      throw new InvalidActivityException(a.id(), "region", full, e.getMessage());
    }
    String region = full.substring(colon + 1);
    Quantity q = a.requireQuantity();
    String mode = a.mode().orElse("");
    String grid = gridRegion(p, region);
    switch (q.dimension()) {
      case COMPUTE_TIME: {
        double vh = q.valueIn(Unit.VCPU_HOUR);
        Optional<InstanceSpec> s = mode.isEmpty() ? Optional.empty() : data.instance(p, mode);
        if (!mode.isEmpty() && s.isEmpty()) {
          throw new InvalidActivityException(a.id(), "mode", mode, "instance type not in CCF's " + p + " tables");
        }
        if (s.isEmpty() || s.get().vcpus() <= 0) {
          return new CloudEstimate(computeKwh(p, region, vh, 1), 0, grid,
              vh + " vCPU-h at default watts, PUE " + pue(p, region));
        }
        InstanceSpec spec = s.get();
        double hours = vh / spec.vcpus();
        double kwh = computeKwh(p, region, vh, spec.minWattsPerVcpu(), spec.maxWattsPerVcpu(), 1)
            + memoryKwh(p, region, spec.extraMemoryGb() * hours, 1);
        return new CloudEstimate(kwh, embodiedKgCo2e(p, spec, hours), grid,
            vh + " vCPU-h of " + spec.type() + " (" + hours + " instance-h)");
      }
      case DATA: {
        double gb = q.valueIn(Unit.GB);
        return new CloudEstimate(networkKwh(p, region, gb), 0, grid, gb + " GB transferred");
      }
      case DATA_TIME:
      case DATA_MONTHS: {
        double tbh = q.dimension() == Dimension.DATA_TIME ? q.valueIn(Unit.TB_HOUR)
            : q.valueIn(Unit.GB_MONTH) / 1000 * HOURS_PER_MONTH;
        if (mode.equalsIgnoreCase("memory")) {
          return new CloudEstimate(memoryKwh(p, region, tbh * 1000, 1), 0, grid, tbh * 1000 + " GB-h memory");
        }
        StorageMedium m = mode.equalsIgnoreCase("hdd") ? StorageMedium.HDD : StorageMedium.SSD;
        return new CloudEstimate(storageKwh(p, region, m, tbh, 1), 0, grid, tbh + " TB-h " + m);
      }
      default:
        throw new InvalidActivityException(a.id(), "unit", q.unit().symbol(),
            "the CCF model estimates vCPU-hours, GB, GB-hours, TB-hours or GB-months");
    }
  }

  /** Configures a {@link CcfModel}. */
  public static final class Builder {
    private @Nullable CcfDataset data;
    private @Nullable Double utilisation;
    private final Map<CloudProvider, CloudCoefficients> overrides = new EnumMap<>(CloudProvider.class);
    private boolean quirks;
    private @Nullable FactorCatalog coreCatalog;

    private Builder() {}

    /** The tables to use (default: the bundled, shared {@link CcfDataset#load()}). */
    public Builder dataset(CcfDataset dataset) {
      this.data = dataset;
      return this;
    }

    /** Average CPU utilisation for every provider, as a fraction 0..1 (CCF: 0.5). */
    public Builder cpuUtilisation(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
            "cpuUtilisation " + fraction + " must be a fraction between 0 and 1 (e.g. 0.5 for 50 %)");
      }
      this.utilisation = fraction;
      return this;
    }

    /** Replaces a provider's coefficients (start from {@code dataset.coefficients(p).withPue(...)}). */
    public Builder coefficients(CloudProvider p, CloudCoefficients c) {
      overrides.put(p, c);
      return this;
    }

    /** Reproduces CCF's known errors (embodied per family, u-*tb1 TE) for like-for-like comparisons. */
    public Builder ccfQuirks(boolean on) {
      this.quirks = on;
      return this;
    }

    /**
     * Uses core's grid datasets from this catalog (eGRID subregions for US regions, Ember country
     * intensities elsewhere, Google's 2024 region data for GCP) instead of CCF's region table.
     */
    public Builder coreGridFactors(FactorCatalog catalog) {
      this.coreCatalog = catalog;
      return this;
    }

    public CcfModel build() {
      return new CcfModel(this);
    }
  }
}
