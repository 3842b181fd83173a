package io.offgridflow.connectors.azure.internal;

import io.offgridflow.cloud.UsageClass;

/**
 * How every row with one combination of charge type, meter category, subcategory, meter name and
 * unit is estimated, per unit of quantity. Built once per combination (an export has a few
 * hundred), so a row costs a lookup and a few multiplications.
 */
final class Rule {
  final UsageClass primary;
  final String reason;
  /** kWh per unit of quantity for the primary class (compute incl. GPUs, storage, networking, memory). */
  final double kwhPerQuantity;
  /** kWh per row whatever its quantity (only CCF's managed-disk and registry readings, in quirks mode). */
  final double kwhPerRow;
  final double memoryKwhPerQuantity;
  final double embodiedKgPerQuantity;
  /** Billed per month: the energy depends on the days of the row's month. */
  final boolean perDayOfMonth;
  final String service;
  final String unitKey;
  long rows;
  double knownKwh;
  double knownQuantity;
  double knownCost;
  /** For unknown rules: how the estimate was formed (set when the run finishes). */
  String method = "";

  Rule(UsageClass primary, String reason, double kwhPerQuantity, double kwhPerRow, double memoryKwhPerQuantity,
      double embodiedKgPerQuantity, boolean perDayOfMonth, String service, String unitKey) {
    this.primary = primary;
    this.reason = reason;
    this.kwhPerQuantity = kwhPerQuantity;
    this.kwhPerRow = kwhPerRow;
    this.memoryKwhPerQuantity = memoryKwhPerQuantity;
    this.embodiedKgPerQuantity = embodiedKgPerQuantity;
    this.perDayOfMonth = perDayOfMonth;
    this.service = service;
    this.unitKey = unitKey;
  }

  static Rule other(UsageClass c, String reason, String service, String unitKey) {
    return new Rule(c, reason, 0, 0, 0, 0, false, service, unitKey);
  }

  /** Whether the model estimated the row directly (its energy feeds the unknown-usage ratios). */
  boolean estimated() {
    return primary == UsageClass.COMPUTE || primary == UsageClass.STORAGE || primary == UsageClass.NETWORKING
        || primary == UsageClass.MEMORY;
  }
}
