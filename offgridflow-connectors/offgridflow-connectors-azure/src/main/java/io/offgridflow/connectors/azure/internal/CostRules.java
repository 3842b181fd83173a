package io.offgridflow.connectors.azure.internal;

import io.offgridflow.cloud.CcfDataset;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudCoefficients;
import io.offgridflow.cloud.CloudProvider;
import io.offgridflow.cloud.InstanceSpec;
import io.offgridflow.cloud.StorageMedium;
import io.offgridflow.cloud.UsageClass;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Cloud Carbon Footprint's Azure consumption rules (azure 1.8.0, as transcribed in
 * azure_usage_classification.json), turned into a {@link Rule} per distinct row shape. Order as in
 * CCF: unsupported meter names, unknown services and meter names, then the estimator chosen by the
 * unit of measure. Before that, rows whose charge type is not {@code Usage} are ignored: purchases,
 * refunds, tax and unused reservations are money, not consumption.
 *
 * <p>The quantity is in the unit's base unit (hours, GB-months, GB-seconds, GB): the leading number
 * of a unit such as {@code 10 Hours} or {@code 100 GB/Month} is Azure's pricing block and never
 * multiplies it (Microsoft: {@code ConsumedQuantity = Quantity}, {@code PricingQuantity = Quantity /
 * x_PricingBlockSize}), in both modes, as CCF reads it.
 *
 * <p>Deliberate differences from CCF, each switched back by {@code ccfQuirks}: GB-months, TB-months
 * and disk-months are hours of the row's month (CCF counts each row as one day); managed-disk and
 * registry rows scale with their quantity (CCF takes one disk per row); GB-second and GB-hour memory
 * meters and every Redis cache tier are memory (CCF: only 50000 GB Seconds and C1). Not switched
 * back: storage medium from the meter subcategory ({@code Standard HDD Managed Disks}) before CCF's
 * name lists, and the {@code S} disk tiers read as HDD (CCF's lookup of them fails).
 */
final class CostRules {
  /** Hours per unit of quantity of an hour meter (its block, such as 1000 Hours, only prices it). */
  private static final double HOURS_PER_UNIT = 1;

  private static final CloudProvider AZURE = CloudProvider.AZURE;
  private static final Pattern DISK_TIER = Pattern.compile("\\b([PES]\\d{1,2})\\b");
  private static final Pattern CACHE = Pattern.compile("^([A-Z]\\d{1,4}) Cache");
  private static final Pattern REGISTRY = Pattern.compile("^(\\w+) Registry Unit");
  private static final double HOURS_PER_DAY = 24;

  private final CcfModel model;
  private final CcfDataset data;
  private final AzureUsageLists lists;
  private final boolean embodied;
  private final boolean quirks;

  CostRules(CcfModel model, AzureUsageLists lists, boolean embodied) {
    this.model = model;
    this.data = model.dataset();
    this.lists = lists;
    this.embodied = embodied;
    this.quirks = model.ccfQuirks();
  }

  Rule build(String chargeType, String category, String subCategory, String meterName, String unitText) {
    String unitKey = UnitOfMeasure.squeeze(unitText);
    if (!chargeType.equalsIgnoreCase("Usage")) {
      return Rule.other(UsageClass.IGNORED, "ignored: charge type " + (chargeType.isEmpty() ? "(empty)" : chargeType)
          + whyIgnored(chargeType), category, unitKey);
    }
    String usageType = usageType(meterName);
    String unsupported = AzureUsageLists.firstContained(lists.unsupportedUsageTypes, usageType);
    if (unsupported != null) {
      return Rule.other(UsageClass.UNSUPPORTED, "unsupported: meter name contains '" + unsupported
          + "' (CCF UNSUPPORTED_USAGE_TYPES)", category, unitKey);
    }
    String unknownService = AzureUsageLists.firstContained(lists.unknownServices, category);
    if (unknownService != null) {
      return Rule.other(UsageClass.UNKNOWN, "unknown: meter category '" + unknownService + "' (CCF UNKNOWN_SERVICES)",
          category, unitKey);
    }
    String unknownType = AzureUsageLists.firstContained(lists.unknownUsageTypes, usageType);
    if (unknownType != null) {
      return Rule.other(UsageClass.UNKNOWN, "unknown: meter name contains '" + unknownType
          + "' (CCF UNKNOWN_USAGE_TYPES)", category, unitKey);
    }
    UnitOfMeasure unit = UnitOfMeasure.parse(unitText);
    if (unit.in(lists.computeUnits)) {
      return compute(category, usageType, unitKey);
    }
    if (unit.in(lists.storageUnits)) {
      return storage(category, subCategory, usageType, unit, unitKey);
    }
    if (unit.in(lists.networkUnits)) {
      return networking(category, usageType, unit, unitKey);
    }
    if (unit.in(lists.memoryUnits)) {
      return memoryUnit(category, usageType, unit, unitKey);
    }
    return Rule.other(UsageClass.UNKNOWN, "unknown: unit of measure '" + unitText + "' is not one CCF estimates",
        category, unitKey);
  }

  private static String whyIgnored(String chargeType) {
    String c = chargeType.toLowerCase(Locale.ROOT);
    if (c.startsWith("unused")) {
      return " (reserved capacity left unused: cost, no consumption)";
    }
    if (c.equals("purchase") || c.equals("refund")) {
      return " (reservation, savings plan or marketplace purchase: cost, no consumption)";
    }
    return "";
  }

  /** CCF's usage type: the meter name without " Spot" and without what follows a '/'. */
  static String usageType(String meterName) {
    if (meterName.contains("Spot")) {
      return meterName.replace(" Spot", "");
    }
    int slash = meterName.indexOf('/');
    return slash >= 0 ? meterName.substring(0, slash) : meterName;
  }

  private Rule compute(String category, String usageType, String unitKey) {
    // A rule is per unit of quantity, and a unit of an hour meter is one hour whatever its pricing
    // block: 24 in "1000 Hours" is 24 hours.
    double hours = HOURS_PER_UNIT;
    double repl = data.replicationFactor(AZURE, category, usageType, "");
    Double cacheGb = cacheGb(usageType);
    boolean memoryMeter = quirks ? AzureUsageLists.firstContained(lists.memoryUsageTypes, usageType) != null
        : cacheGb != null || AzureUsageLists.firstContained(lists.memoryUsageTypes, usageType) != null;
    if (memoryMeter) {
      double gb = cacheGb != null && (!quirks || lists.memoryUsageTypes.contains(usageType)) ? cacheGb : 1;
      return new Rule(UsageClass.MEMORY, "estimated: memory (" + (cacheGb != null ? fmt(gb) + " GB cache" : "GB-hours")
          + ")", model.memoryKwh(AZURE, "", gb * hours, repl), 0, 0, 0, false, category, unitKey);
    }
    Optional<InstanceSpec> spec = data.instance(AZURE, usageType);
    CloudCoefficients c = model.coefficients(AZURE);
    int vcpus = spec.map(InstanceSpec::vcpus).filter(v -> v > 0).orElse(1);
    double minW = spec.map(InstanceSpec::minWattsPerVcpu).orElse(c.minWattsPerVcpu());
    double maxW = spec.map(InstanceSpec::maxWattsPerVcpu).orElse(c.maxWattsPerVcpu());
    double kwh = model.computeKwh(AZURE, "", vcpus * hours, minW, maxW, repl);
    String how = spec.isPresent() && spec.get().vcpus() > 0 ? spec.get().type() + ", " + vcpus + " vCPU"
        : "1 vCPU per hour, CCF's default for meters outside its VM tables";
    double memKwh = 0;
    double embodiedKg = 0;
    if (spec.isPresent()) {
      InstanceSpec s = spec.get();
      if (s.gpuCount() > 0) {
        kwh += model.computeKwh(AZURE, "", s.gpuCount() * hours, s.gpuMinWatts(), s.gpuMaxWatts(), repl);
        how += " + " + s.gpuCount() + " GPU";
      }
      if (s.extraMemoryGb() > 0) {
        memKwh = model.memoryKwh(AZURE, "", s.extraMemoryGb() * hours, repl);
      }
      if (embodied) {
        embodiedKg = model.embodiedKgCo2e(AZURE, s, hours);
      }
    }
    return new Rule(UsageClass.COMPUTE, "estimated: compute (" + how + ")", kwh, 0, memKwh, embodiedKg, false,
        category, unitKey);
  }

  private @Nullable Double cacheGb(String usageType) {
    Matcher m = CACHE.matcher(usageType);
    return m.find() ? lists.cacheMemoryGb.get(m.group(1)) : null;
  }

  private Rule storage(String category, String subCategory, String usageType, UnitOfMeasure unit, String unitKey) {
    String sub = subCategory.toLowerCase(Locale.ROOT);
    Matcher tier = DISK_TIER.matcher(usageType);
    String diskTier = tier.find() ? tier.group(1) : null;
    Double ssdDisk = diskTier == null ? null : lists.ssdDiskGb.get(diskTier);
    Double hddDisk = diskTier == null ? null : lists.hddDiskGb.get(diskTier);
    Matcher reg = REGISTRY.matcher(usageType);
    Double registry = reg.find() ? lists.registryGb.get(reg.group(1)) : null;
    StorageMedium medium;
    String why;
    if (sub.contains("hdd") && !quirks) {
      medium = StorageMedium.HDD;
      why = "subcategory " + subCategory;
    } else if (sub.contains("ssd") && !quirks) {
      medium = StorageMedium.SSD;
      why = "subcategory " + subCategory;
    } else if (ssdDisk != null) {
      medium = StorageMedium.SSD;
      why = "SSD disk " + diskTier;
    } else if (AzureUsageLists.firstContained(lists.ssdStorageUsageTypes, usageType) != null) {
      medium = StorageMedium.SSD;
      why = "CCF SSD storage type '" + AzureUsageLists.firstContained(lists.ssdStorageUsageTypes, usageType) + "'";
    } else if (hddDisk != null) {
      medium = StorageMedium.HDD;
      why = "HDD disk " + diskTier;
    } else {
      return Rule.other(UsageClass.UNSUPPORTED, "unsupported: storage meter is neither in CCF's SSD nor HDD lists",
          category, unitKey);
    }
    double repl = data.replicationFactor(AZURE, category, usageType, "");
    Double diskGb = ssdDisk != null ? ssdDisk : hddDisk;
    double tbPerQuantity; // TB held for one hour per unit of quantity, before the hours of the period
    boolean perMonth;
    String reading;
    if (quirks) {
      // CCF: every row is one day of its TB (managed disks and registries ignore the quantity).
      if (unit.isTb()) {
        return storageRule(medium, why + ", CCF: TB-month x 24 h", model.storageKwh(AZURE, "", medium, 24, repl), 0,
            false, category, unitKey);
      }
      Double perRowGb = diskGb != null ? diskGb : registry;
      if (perRowGb != null) {
        return storageRule(medium, why + ", CCF: size x 24 h per row", 0,
            model.storageKwh(AZURE, "", medium, perRowGb / 1000 * HOURS_PER_DAY, repl), false, category, unitKey);
      }
      return storageRule(medium, why + ", CCF: quantity as GB for 24 h",
          model.storageKwh(AZURE, "", medium, HOURS_PER_DAY / 1000, repl), 0, false, category, unitKey);
    }
    // The quantity is in base units (TB-months, disk-months, GB-months): the unit's block is not a factor.
    if (unit.isTb()) {
      tbPerQuantity = 1;
      perMonth = unit.isPerMonth();
      reading = "TB-months";
    } else if (diskGb != null && (unit.isPerMonth() || unit.isPerDay())) {
      tbPerQuantity = diskGb / 1000;
      perMonth = unit.isPerMonth();
      reading = fmt(diskGb) + " GB disk-" + (perMonth ? "months" : "days");
    } else if (registry != null && (unit.isPerMonth() || unit.isPerDay())) {
      tbPerQuantity = registry / 1000;
      perMonth = unit.isPerMonth();
      reading = fmt(registry) + " GB registry-" + (perMonth ? "months" : "days");
    } else if (unit.base().startsWith("gb/")) {
      tbPerQuantity = 1 / 1000.0;
      perMonth = unit.isPerMonth();
      reading = "GB-" + (perMonth ? "months" : "days");
    } else {
      // Counted units (n /Month, n /Day of nodes, users, instances): no size to read, CCF's GB-day reading kept.
      return storageRule(medium, why + ", count unit read as GB for 24 h as CCF does",
          model.storageKwh(AZURE, "", medium, HOURS_PER_DAY / 1000, repl), 0, false, category, unitKey);
    }
    return storageRule(medium, why + ", " + reading,
        model.storageKwh(AZURE, "", medium, tbPerQuantity * HOURS_PER_DAY, repl), 0, perMonth, category, unitKey);
  }

  private static Rule storageRule(StorageMedium m, String why, double kwhPerQuantity, double kwhPerRow,
      boolean perDayOfMonth, String category, String unitKey) {
    return new Rule(UsageClass.STORAGE, "estimated: storage " + m + " (" + why + ")", kwhPerQuantity, kwhPerRow, 0, 0,
        perDayOfMonth, category, unitKey);
  }

  private Rule networking(String category, String usageType, UnitOfMeasure unit, String unitKey) {
    String type = AzureUsageLists.firstContained(lists.networkingUsageTypes, usageType);
    if (type == null || usageType.contains("To Any")) {
      return Rule.other(UsageClass.UNSUPPORTED, "unsupported: data meter is not one of CCF's networking types"
          + " (CCF leaves it without an estimate)", category, unitKey);
    }
    double gb = unit.isTb() ? 1000 : 1;
    return new Rule(UsageClass.NETWORKING, "estimated: networking (" + type + ")", model.networkKwh(AZURE, "", gb), 0,
        0, 0, false, category, unitKey);
  }

  private Rule memoryUnit(String category, String usageType, UnitOfMeasure unit, String unitKey) {
    double repl = data.replicationFactor(AZURE, category, usageType, "");
    double gbHours;
    String how;
    if (quirks) {
      // CCF's switch estimates only these two memory units; the others fall to its zero default.
      if (unit.text().replace(" ", "").equalsIgnoreCase("50000GBSeconds")) {
        gbHours = 1 / 3600.0;
        how = "CCF: quantity / 3600";
      } else if (unit.text().replace(" ", "").equalsIgnoreCase("1000GBHours") && lists.memoryUsageTypes.contains(usageType)) {
        Double cache = cacheGb(usageType);
        gbHours = cache != null ? cache : 1;
        how = "CCF: quantity as GB-hours";
      } else {
        gbHours = 0;
        how = "CCF: no estimate for this memory unit";
      }
    } else {
      gbHours = unit.isGbSeconds() ? 1 / 3600.0 : 1;
      how = "GB-" + (unit.isGbSeconds() ? "seconds / 3600" : "hours");
    }
    return new Rule(UsageClass.MEMORY, "estimated: memory (" + how + ")", model.memoryKwh(AZURE, "", gbHours, repl), 0,
        0, 0, false, category, unitKey);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
