package io.offgridflow.connectors.aws.internal;

import io.offgridflow.cloud.UsageClass;

/**
 * How every row with one combination of line-item type, service, usage type, unit and vCPU value
 * is estimated: per unit of usage amount. Built once per combination (a CUR has a few thousand),
 * so each row costs a lookup and a few multiplications.
 */
final class Rule {
  final UsageClass primary;
  final String reason;
  /** kWh per unit for the primary class (compute incl. GPUs, storage, networking). */
  final double kwhPerUnit;
  final double memoryKwhPerUnit;
  final double embodiedKgPerUnit;
  /** Storage billed per month: TB-hours depend on the days of the row's month. */
  final boolean perDayOfMonth;
  final int serviceId;
  final int unitId;
  /**
   * Whether the rows' kWh and cost go into the kWh-per-cost ratio that unknown usage is estimated
   * with. Always, except CCF's seconds-billed compute (Lambda) in quirks mode: CCF's CUR estimator
   * never accumulates those rows, so unknown usage in seconds gets no estimate there.
   */
  final boolean inUnknownRatio;
  long rows;
  double knownKwh;
  double knownCost;

  Rule(UsageClass primary, String reason, double kwhPerUnit, double memoryKwhPerUnit, double embodiedKgPerUnit,
      boolean perDayOfMonth, int serviceId, int unitId) {
    this(primary, reason, kwhPerUnit, memoryKwhPerUnit, embodiedKgPerUnit, perDayOfMonth, serviceId, unitId, true);
  }

  Rule(UsageClass primary, String reason, double kwhPerUnit, double memoryKwhPerUnit, double embodiedKgPerUnit,
      boolean perDayOfMonth, int serviceId, int unitId, boolean inUnknownRatio) {
    this.primary = primary;
    this.reason = reason;
    this.kwhPerUnit = kwhPerUnit;
    this.memoryKwhPerUnit = memoryKwhPerUnit;
    this.embodiedKgPerUnit = embodiedKgPerUnit;
    this.perDayOfMonth = perDayOfMonth;
    this.serviceId = serviceId;
    this.unitId = unitId;
    this.inUnknownRatio = inUnknownRatio;
  }

  boolean estimated() {
    return primary == UsageClass.COMPUTE || primary == UsageClass.STORAGE || primary == UsageClass.NETWORKING;
  }
}
