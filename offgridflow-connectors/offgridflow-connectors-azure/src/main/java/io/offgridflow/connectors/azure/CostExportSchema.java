package io.offgridflow.connectors.azure;

/**
 * The column set of a Cost Management cost-details file, detected from its header (names are
 * matched case-insensitively and in any order).
 *
 * <pre>{@code
 * result.sources().get(0).schema();   // EA, MCA or FOCUS
 * }</pre>
 */
public enum CostExportSchema {
  /** Enterprise Agreement (and pay-as-you-go): {@code ResourceGroup}, {@code CostInBillingCurrency}, {@code AccountName}. */
  EA,
  /** Microsoft Customer Agreement: {@code resourceGroupName}, {@code costInBillingCurrency}, {@code invoiceId}. */
  MCA,
  /**
   * Cost and usage details (FOCUS), Microsoft's FinOps Open Cost and Usage Specification 1.0 / 1.0r2
   * export: {@code ChargeCategory}, {@code BilledCost}, {@code EffectiveCost}, {@code ConsumedQuantity} and
   * the {@code x_SkuMeter*} extension columns. Actual and amortized cost are in one file; the model
   * reads {@code EffectiveCost} (amortized).
   */
  FOCUS,
  /** Not read (a skipped or older source). */
  NONE
}
