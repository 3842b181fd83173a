package io.offgridflow.connectors.aws.internal;

/**
 * One Cost Explorer group: a service's usage type in one region and period, with its usage
 * quantity (in {@code unit}) and unblended cost.
 *
 * @param region Cost Explorer's REGION value
 * @param service Cost Explorer's SERVICE value (a display name)
 * @param usageType the USAGE_TYPE value
 * @param amount UsageQuantity amount
 * @param unit UsageQuantity unit (the CUR's pricing unit)
 * @param cost UnblendedCost amount
 * @param periodStart the period's first day, {@code yyyy-MM-dd}
 */
public record CeGroup(String region, String service, String usageType, double amount, String unit, double cost,
    String periodStart) {

  /** The group's content as one line, for period fingerprints. */
  public String line() {
    return region + '|' + service + '|' + usageType + '|' + amount + '|' + unit + '|' + cost;
  }
}
