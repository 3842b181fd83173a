package io.offgridflow.connectors.aws.internal;

import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.UsageClass;

/**
 * The CUR path's CCF classification ({@link CurRules}) for sources that are not CUR rows, such as
 * Cost Explorer groups: one usage type, service product code and pricing unit in, the estimate per
 * unit of usage out. Same rules, same coefficients, same reasons as a CUR row of that shape.
 */
public final class UsageClassifier {
  private final CurRules rules;

  public UsageClassifier(CcfModel model, boolean embodied) {
    this.rules = new CurRules(model, AwsUsageLists.load(), embodied);
  }

  /**
   * Classifies usage the way a CUR row with these values is classified (no product vCPU column:
   * instance sizes come from CCF's tables).
   *
   * @param lineItemType e.g. {@code Usage}
   * @param productCode CUR product code, e.g. {@code AmazonEC2}
   * @param usageType e.g. {@code USE1-BoxUsage:m5.large}
   * @param unit pricing unit, e.g. {@code Hrs}, {@code GB-Mo}, {@code GB}
   */
  public Classification classify(String lineItemType, String productCode, String usageType, String unit) {
    Rule r = rules.build(lineItemType, productCode, usageType, unit, "", 0, 0);
    return new Classification(r.primary, r.reason, r.kwhPerUnit, r.memoryKwhPerUnit, r.embodiedKgPerUnit,
        r.perDayOfMonth);
  }

  /**
   * How usage of one shape is estimated, per unit of usage amount.
   *
   * @param primary the class the usage counts as
   * @param reason why (the accounting's reason key)
   * @param kwhPerUnit operational kWh of the primary class
   * @param memoryKwhPerUnit extra memory kWh (large-memory instances)
   * @param embodiedKgPerUnit embodied kg CO2e (instance hours)
   * @param perDayOfMonth whether {@code kwhPerUnit} is per day of the usage's month (GB-month storage)
   */
  public record Classification(UsageClass primary, String reason, double kwhPerUnit, double memoryKwhPerUnit,
      double embodiedKgPerUnit, boolean perDayOfMonth) {

    /** Whether the model estimates this usage directly (compute, storage, networking). */
    public boolean estimated() {
      return primary == UsageClass.COMPUTE || primary == UsageClass.STORAGE || primary == UsageClass.NETWORKING;
    }
  }
}
