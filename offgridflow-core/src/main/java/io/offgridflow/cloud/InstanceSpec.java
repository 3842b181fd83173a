package io.offgridflow.cloud;

import java.util.List;

/**
 * One instance type of a provider's table, with the CCF figures already resolved: effective
 * watts per vCPU (mean of its processors, or the median where Sandy/Ivy Bridge are listed, or the
 * provider default), the memory above what the CPU coefficient covers, GPUs and embodied emissions.
 *
 * <pre>{@code
 * InstanceSpec m5 = CcfDataset.bundled().instance(CloudProvider.AWS, "m5.large").orElseThrow();
 * m5.vcpus();               // 2
 * m5.extraMemoryGb();       // 6.3058...: GB beyond the memory the CPU coefficient covers
 * }</pre>
 *
 * @param type instance type, e.g. {@code m5.large}
 * @param family family, e.g. {@code m5}
 * @param vcpus vCPUs of this size (0 when CCF's tables give none)
 * @param memoryGb memory of this size in GB (0 when unknown)
 * @param processors CCF processor names (empty when unmapped)
 * @param minWattsPerVcpu effective min watts per vCPU
 * @param maxWattsPerVcpu effective max watts per vCPU
 * @param extraMemoryGb memory CCF estimates separately for one instance (0 for burstable types)
 * @param gpuCount GPUs per instance (0 if none)
 * @param gpuMinWatts idle watts per GPU
 * @param gpuMaxWatts full-load watts per GPU
 * @param burstableBaselinePct baseline CPU % of a burstable type, or NaN
 * @param embodiedKgCo2e total embodied emissions of the whole server behind the family, kg CO2e
 *     (NaN if none)
 * @param largestVcpusInFamily vCPUs of the family's last-listed (largest) size
 * @param ccfEmbodiedTe the embodied value CCF actually uses, in kg (differs for u-*tb1 families)
 */
public record InstanceSpec(
    String type,
    String family,
    int vcpus,
    double memoryGb,
    List<String> processors,
    double minWattsPerVcpu,
    double maxWattsPerVcpu,
    double extraMemoryGb,
    int gpuCount,
    double gpuMinWatts,
    double gpuMaxWatts,
    double burstableBaselinePct,
    double embodiedKgCo2e,
    int largestVcpusInFamily,
    double ccfEmbodiedTe) {

  public InstanceSpec {
    processors = List.copyOf(processors);
  }

  /** Whether this is a burstable type with a CPU baseline (t2, t3, t3a, t4g). */
  public boolean burstable() {
    return !Double.isNaN(burstableBaselinePct);
  }
}
