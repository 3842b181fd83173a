package io.offgridflow.cloud;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;

/**
 * The per-provider constants of the CCF method. Values follow CCF's published packages (see {@code
 * io/offgridflow/cloud/data/ccf-2024/PROVENANCE.md}); a host overrides any of them through {@link
 * CcfModel.Builder#coefficients}.
 *
 * <pre>{@code
 * CloudCoefficients aws = CcfDataset.bundled().coefficients(CloudProvider.AWS).withPue(1.2);
 * }</pre>
 *
 * @param pue power usage effectiveness of the provider's data centres
 * @param minWattsPerVcpu default watts per vCPU at 0 % utilisation (unknown processors)
 * @param maxWattsPerVcpu default watts per vCPU at 100 % utilisation (unknown processors)
 * @param cpuUtilisation average CPU utilisation as a fraction (CCF uses 0.5 for billing data)
 * @param ssdWhPerTbHour SSD storage watt-hours per terabyte-hour
 * @param hddWhPerTbHour HDD storage watt-hours per terabyte-hour
 * @param networkKwhPerGb network transfer kWh per GB
 * @param memoryKwhPerGbHour memory kWh per GB-hour
 * @param defaultMemoryGbPerChip memory CCF assumes covered by the CPU coefficient, unknown processors
 * @param serverLifespanHours embodied-emissions amortisation period (35040 h = 4 years)
 */
public record CloudCoefficients(
    double pue,
    double minWattsPerVcpu,
    double maxWattsPerVcpu,
    double cpuUtilisation,
    double ssdWhPerTbHour,
    double hddWhPerTbHour,
    double networkKwhPerGb,
    double memoryKwhPerGbHour,
    double defaultMemoryGbPerChip,
    double serverLifespanHours) {

  public CloudCoefficients {
    check("pue", pue, pue >= 1);
    check("minWattsPerVcpu", minWattsPerVcpu, minWattsPerVcpu >= 0);
    check("maxWattsPerVcpu", maxWattsPerVcpu, maxWattsPerVcpu >= minWattsPerVcpu);
    check("cpuUtilisation", cpuUtilisation, cpuUtilisation >= 0 && cpuUtilisation <= 1);
    check("ssdWhPerTbHour", ssdWhPerTbHour, ssdWhPerTbHour >= 0);
    check("hddWhPerTbHour", hddWhPerTbHour, hddWhPerTbHour >= 0);
    check("networkKwhPerGb", networkKwhPerGb, networkKwhPerGb >= 0);
    check("memoryKwhPerGbHour", memoryKwhPerGbHour, memoryKwhPerGbHour >= 0);
    check("defaultMemoryGbPerChip", defaultMemoryGbPerChip, defaultMemoryGbPerChip >= 0);
    check("serverLifespanHours", serverLifespanHours, serverLifespanHours > 0);
  }

  private static void check(String name, double v, boolean ok) {
    if (!ok || !Double.isFinite(v)) {
      throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
          "cloud coefficient " + name + " = " + v + " is out of range");
    }
  }

  /** A copy with another PUE. */
  public CloudCoefficients withPue(double v) {
    return new CloudCoefficients(v, minWattsPerVcpu, maxWattsPerVcpu, cpuUtilisation, ssdWhPerTbHour,
        hddWhPerTbHour, networkKwhPerGb, memoryKwhPerGbHour, defaultMemoryGbPerChip, serverLifespanHours);
  }

  /** A copy with another average CPU utilisation (fraction 0..1). */
  public CloudCoefficients withCpuUtilisation(double v) {
    return new CloudCoefficients(pue, minWattsPerVcpu, maxWattsPerVcpu, v, ssdWhPerTbHour,
        hddWhPerTbHour, networkKwhPerGb, memoryKwhPerGbHour, defaultMemoryGbPerChip, serverLifespanHours);
  }

  /** A copy with other storage coefficients (Wh per TB-hour). */
  public CloudCoefficients withStorage(double ssdWh, double hddWh) {
    return new CloudCoefficients(pue, minWattsPerVcpu, maxWattsPerVcpu, cpuUtilisation, ssdWh,
        hddWh, networkKwhPerGb, memoryKwhPerGbHour, defaultMemoryGbPerChip, serverLifespanHours);
  }

  /** A copy with other network (kWh/GB) and memory (kWh/GB-hour) coefficients. */
  public CloudCoefficients withNetworkAndMemory(double networkKwhGb, double memoryKwhGbHour) {
    return new CloudCoefficients(pue, minWattsPerVcpu, maxWattsPerVcpu, cpuUtilisation, ssdWhPerTbHour,
        hddWhPerTbHour, networkKwhGb, memoryKwhGbHour, defaultMemoryGbPerChip, serverLifespanHours);
  }

  /** A copy with other default watts per vCPU (used for unknown processors). */
  public CloudCoefficients withDefaultWatts(double minW, double maxW) {
    return new CloudCoefficients(pue, minW, maxW, cpuUtilisation, ssdWhPerTbHour,
        hddWhPerTbHour, networkKwhPerGb, memoryKwhPerGbHour, defaultMemoryGbPerChip, serverLifespanHours);
  }
}
