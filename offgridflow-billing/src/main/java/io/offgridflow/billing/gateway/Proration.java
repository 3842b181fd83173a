package io.offgridflow.billing.gateway;

/**
 * How a plan change is charged; Stripe's {@code proration_behavior}.
 *
 * <pre>{@code
 * gateway.changePlan("sub_123", "price_enterprise", Proration.ALWAYS_INVOICE, "acme-upgrade-3");
 * }</pre>
 */
public enum Proration {
  /** Credit and charge the difference on the next invoice. */
  CREATE_PRORATIONS,
  /** Credit and charge the difference on an invoice issued now. */
  ALWAYS_INVOICE,
  /** Switch without any proration. */
  NONE
}
