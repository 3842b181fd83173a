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
  long rows;
  double knownKwh;
  double knownCost;

  Rule(UsageClass primary, String reason, double kwhPerUnit, double memoryKwhPerUnit, double embodiedKgPerUnit,
      boolean perDayOfMonth, int serviceId, int unitId) {
    this.primary = primary;
    this.reason = reason;
    this.kwhPerUnit = kwhPerUnit;
    this.memoryKwhPerUnit = memoryKwhPerUnit;
    this.embodiedKgPerUnit = embodiedKgPerUnit;
    this.perDayOfMonth = perDayOfMonth;
    this.serviceId = serviceId;
    this.unitId = unitId;
  }

  boolean estimated() {
    return primary == UsageClass.COMPUTE || primary == UsageClass.STORAGE || primary == UsageClass.NETWORKING;
  }
}
