package io.offgridflow.connectors.azure;

/**
 * The column set of a Cost Management cost-details file, detected from its header (names are
 * matched case-insensitively and in any order).
 *
 * <pre>{@code
 * result.sources().get(0).schema();   // EA or MCA
 * }</pre>
 */
public enum CostExportSchema {
  /** Enterprise Agreement (and pay-as-you-go): {@code ResourceGroup}, {@code CostInBillingCurrency}, {@code AccountName}. */
  EA,
  /** Microsoft Customer Agreement: {@code resourceGroupName}, {@code costInBillingCurrency}, {@code invoiceId}. */
  MCA,
  /** Not read (a skipped or older source). */
  NONE
}
