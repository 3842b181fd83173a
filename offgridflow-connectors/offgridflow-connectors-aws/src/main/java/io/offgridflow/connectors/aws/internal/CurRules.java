package io.offgridflow.connectors.aws.internal;

import io.offgridflow.cloud.CcfDataset;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudCoefficients;
import io.offgridflow.cloud.CloudProvider;
import io.offgridflow.cloud.InstanceSpec;
import io.offgridflow.cloud.StorageMedium;
import io.offgridflow.cloud.UsageClass;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Cloud Carbon Footprint's CUR classification (aws 0.15.0, as transcribed in
 * aws_usage_classification.json), turned into a {@link Rule} per distinct row shape. Order of
 * checks as in CCF: line-item type, unsupported usage types, unknown usage types and units, then
 * the estimator chosen by the pricing unit.
 *
 * <p>Deliberate differences from CCF, each switched back by {@code ccfQuirks}: {@code ByteHrs}
 * usage types are GB-months (CCF divides them by 2^40 as if bytes); Redshift node-hours are not
 * divided by 3600; embodied emissions scale with the vCPUs (see {@link CcfModel}).
 */
final class CurRules {
  private static final CloudProvider AWS = CloudProvider.AWS;
  private static final Pattern VCPU_PREFIX = Pattern.compile("^(db|cache|dax|dms|ml|mq|KernelGateway-ml|.+Kafka)\\.");
  private static final double BYTES_PER_TB_CCF = 1099511627776.0; // 2^40, CCF's divisor

  private final CcfModel model;
  private final CcfDataset data;
  private final AwsUsageLists lists;
  private final boolean embodied;
  private final boolean quirks;

  CurRules(CcfModel model, AwsUsageLists lists, boolean embodied) {
    this.model = model;
    this.data = model.dataset();
    this.lists = lists;
    this.embodied = embodied;
    this.quirks = model.ccfQuirks();
  }

  Rule build(String lineItemType, String service, String usageType, String unit, String vcpu, int serviceId,
      int unitId) {
    if (!lists.lineItemTypes.contains(lineItemType)) {
      return other(UsageClass.IGNORED, "ignored: line item type " + (lineItemType.isEmpty() ? "(empty)" : lineItemType),
          serviceId, unitId);
    }
    String unsupported = firstMatch(lists.unsupportedUsageTypes, usageType);
    if (unsupported != null) {
      return other(UsageClass.UNSUPPORTED, "unsupported: usage type matches '" + unsupported
          + "' (CCF UNSUPPORTED_USAGE_TYPES)", serviceId, unitId);
    }
    String unknown = firstMatch(lists.unknownUsageTypes, usageType);
    if (unknown != null) {
      return other(UsageClass.UNKNOWN, "unknown: usage type matches '" + unknown + "' (CCF UNKNOWN_USAGE_TYPES)",
          serviceId, unitId);
    }
    if (lists.computeUnits.contains(unit)) {
      return compute(service, usageType, unit, vcpu, serviceId, unitId);
    }
    if (lists.storageUnits.contains(unit)) {
      return storage(service, usageType, unit, serviceId, unitId);
    }
    if (lists.networkUnits.contains(unit)) {
      if (service.equals("AmazonCloudFront")) {
        return other(UsageClass.UNSUPPORTED, "unsupported: CloudFront data transfer (CCF does not estimate it)",
            serviceId, unitId);
      }
      if (!AwsUsageLists.endsWithAny(lists.networkingUsageTypes, usageType)) {
        return other(UsageClass.UNSUPPORTED, "unsupported: GB usage type is not one of CCF's networking types",
            serviceId, unitId);
      }
      return new Rule(UsageClass.NETWORKING, "estimated: networking", model.networkKwh(AWS, "", 1), 0, 0, false,
          serviceId, unitId);
    }
    return other(UsageClass.UNKNOWN, "unknown: pricing unit '" + unit + "' is not one CCF estimates", serviceId,
        unitId);
  }

  private static Rule other(UsageClass c, String reason, int serviceId, int unitId) {
    return new Rule(c, reason, 0, 0, 0, false, serviceId, unitId);
  }

  private static @Nullable String firstMatch(java.util.List<String> list, String s) {
    for (String x : list) {
      if (s.endsWith(x) || s.contains(x)) {
        return x;
      }
    }
    return null;
  }

  private Rule compute(String service, String usageType, String unit, String vcpu, int serviceId, int unitId) {
    double repl = data.replicationFactor(AWS, service, usageType, "");
    boolean instanceHours = unit.equals("Hrs") || unit.equals("Hours") || unit.equals("hours");
    Optional<InstanceSpec> sized = lookup(vcpuType(usageType));
    Optional<InstanceSpec> spec = lookup(specType(usageType));
    double vcpuPerUnit;
    String how;
    double productVcpu = vcpu.isEmpty() ? 0 : parseOrZero(vcpu);
    boolean seconds = unit.equals("seconds") || unit.equals("Second") || unit.equals("Lambda-GB-Second");
    if (productVcpu > 0) {
      vcpuPerUnit = productVcpu;
      // Same reason text as the table path, so CUR 1.0 (product/vcpu) and CUR 2.0 (none) agree.
      how = sized.map(InstanceSpec::type).orElse("product vCPU");
    } else if (seconds) {
      vcpuPerUnit = 1 / 3600.0; // CCF treats Lambda GB-seconds as vCPU-seconds
      how = "seconds / 3600";
    } else if (unit.equals("DPU-Hour")) {
      vcpuPerUnit = 4;
      how = "Glue DPU = 4 vCPU";
    } else if (unit.equals("ACU-Hr")) {
      vcpuPerUnit = 0.25;
      how = "Aurora ACU = 0.25 vCPU";
    } else if (unit.equals("vCPU-Hours")) {
      vcpuPerUnit = 1;
      how = "vCPU-hours";
    } else if (service.equals("AmazonSimpleDB")) {
      vcpuPerUnit = 1;
      how = "SimpleDB hours";
    } else if (sized.isPresent() && sized.get().vcpus() > 0) {
      InstanceSpec s = sized.get();
      vcpuPerUnit = s.burstable() ? s.vcpus() * s.burstableBaselinePct() / 50 : s.vcpus();
      how = s.type() + (s.burstable() ? " burstable baseline " + s.burstableBaselinePct() + "%" : "");
      if (quirks && service.equals("AmazonRedshift")) {
        vcpuPerUnit /= 3600; // CCF quirk 8
      }
    } else {
      return other(UsageClass.UNSUPPORTED, "unsupported: cannot size '" + vcpuType(usageType)
          + "' (not in CCF's instance tables, no product vCPU)", serviceId, unitId);
    }
    CloudCoefficients c = model.coefficients(AWS);
    double minW = spec.map(InstanceSpec::minWattsPerVcpu).orElse(c.minWattsPerVcpu());
    double maxW = spec.map(InstanceSpec::maxWattsPerVcpu).orElse(c.maxWattsPerVcpu());
    double kwh = model.computeKwh(AWS, "", vcpuPerUnit, minW, maxW, repl);
    double memKwh = 0;
    double embodiedKg = 0;
    if (spec.isPresent() && instanceHours) {
      InstanceSpec s = spec.get();
      if (s.gpuCount() > 0) {
        kwh += model.computeKwh(AWS, "", s.gpuCount(), s.gpuMinWatts(), s.gpuMaxWatts(), repl);
        how += " + " + s.gpuCount() + " GPU";
      }
      if (!s.burstable() && s.extraMemoryGb() > 0) {
        memKwh = model.memoryKwh(AWS, "", s.extraMemoryGb(), repl);
      }
      if (embodied) {
        embodiedKg = model.embodiedKgCo2e(AWS, s, 1);
      }
    }
    // CCF's CUR estimator returns seconds-billed compute without adding it to its kWh-per-cost table.
    return new Rule(UsageClass.COMPUTE, "estimated: compute (" + how + ")", kwh, memKwh, embodiedKg, false,
        serviceId, unitId, !(quirks && seconds));
  }

  private Rule storage(String service, String usageType, String unit, int serviceId, int unitId) {
    StorageMedium medium;
    if (AwsUsageLists.endsWithAny(lists.ssdUsageTypes, usageType)
        || (AwsUsageLists.endsWithAny(lists.ssdServices, service) && !usageType.contains("Backup"))) {
      medium = StorageMedium.SSD;
    } else if (AwsUsageLists.endsWithAny(lists.hddUsageTypes, usageType)) {
      medium = StorageMedium.HDD;
    } else {
      return other(UsageClass.UNSUPPORTED, "unsupported: storage usage type is neither CCF SSD nor HDD", serviceId,
          unitId);
    }
    double repl = data.replicationFactor(AWS, service, usageType, "");
    boolean byteHours = AwsUsageLists.endsWithAny(lists.byteHoursUsageTypes, usageType);
    String note = "";
    if (byteHours && quirks) {
      return new Rule(UsageClass.STORAGE, "estimated: storage " + medium + " (ByteHrs / 2^40 as CCF)",
          model.storageKwh(AWS, "", medium, 1 / BYTES_PER_TB_CCF, repl), 0, 0, false, serviceId, unitId);
    }
    if (byteHours) {
      note = ", ByteHrs read as GB-months";
    }
    if (unit.equals("GB-Hours")) {
      return new Rule(UsageClass.STORAGE, "estimated: storage " + medium + note,
          model.storageKwh(AWS, "", medium, 1 / 1000.0, repl), 0, 0, false, serviceId, unitId);
    }
    // GB-month: GB / 1000 x 24 h x days of the row's month; the rule holds the per-day part.
    return new Rule(UsageClass.STORAGE, "estimated: storage " + medium + note,
        model.storageKwh(AWS, "", medium, 24 / 1000.0, repl), 0, 0, true, serviceId, unitId);
  }

  private Optional<InstanceSpec> lookup(String type) {
    return data.instance(AWS, type);
  }

  /** CCF's type for vCPU lookups: after the last ':', with db./cache./... prefixes stripped. */
  static String vcpuType(String usageType) {
    String t = usageType.substring(usageType.lastIndexOf(':') + 1);
    return VCPU_PREFIX.matcher(t).replaceFirst("");
  }

  /** CCF's type for processor, memory and embodied lookups. */
  static String specType(String usageType) {
    String t;
    if (usageType.contains("db.")) {
      t = usageType.substring(usageType.lastIndexOf("db.") + 3);
    } else if (usageType.contains("cache.")) {
      t = usageType.substring(usageType.lastIndexOf("cache.") + 6);
    } else if (usageType.contains("Kafka.")) {
      t = usageType.substring(usageType.lastIndexOf("Kafka.") + 6);
    } else {
      t = usageType.substring(usageType.lastIndexOf(':') + 1);
    }
    return t.endsWith("xl") ? t + "arge" : t;
  }

  private static double parseOrZero(String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
