package io.offgridflow.billing.webhook;

/**
 * Typed callbacks for webhook events, e.g. to send a trial-ending or payment-failed e-mail. Every
 * method has an empty default; override what you need. Callbacks run on the webhook's thread after
 * the event has been applied and recorded, at most once per event; keep them short (queue slow work).
 * An exception thrown by a callback is logged and does not fail the webhook.
 *
 * <pre>{@code
 * BillingListener mails = new BillingListener() {
 *   public void onTrialWillEnd(WebhookEvents.TrialWillEnd e) { mailer.trialEnding(e.tenantId(), e.trialEnd()); }
 *   public void onPaymentFailed(WebhookEvents.Invoice e) { mailer.paymentFailed(e.tenantId(), e.hostedInvoiceUrl()); }
 * };
 * }</pre>
 */
public interface BillingListener {
  /** Every applied or stale event with a tenant, first of the callbacks for it. */
  default void onEventApplied(WebhookEvents.Applied event) {}

  /** Customer, subscription, checkout and entitlement events that changed the stored state. */
  default void onStateChanged(WebhookEvents.StateChanged event) {}

  default void onTrialWillEnd(WebhookEvents.TrialWillEnd event) {}

  default void onInvoicePaid(WebhookEvents.Invoice event) {}

  /** The grace period (see {@link io.offgridflow.billing.LapsePolicy}) starts with the first of these. */
  default void onPaymentFailed(WebhookEvents.Invoice event) {}

  /** The customer must authenticate the payment (3-D Secure) at {@code hostedInvoiceUrl}. */
  default void onPaymentActionRequired(WebhookEvents.Invoice event) {}

  default void onInvoiceFinalized(WebhookEvents.Invoice event) {}

  default void onPaymentIntentSucceeded(WebhookEvents.PaymentIntent event) {}

  default void onPaymentIntentFailed(WebhookEvents.PaymentIntent event) {}

  default void onEntitlementsUpdated(WebhookEvents.EntitlementsUpdated event) {}

  /** A type this SDK does not apply; it has been acknowledged. */
  default void onUnhandledEvent(WebhookEvents.Unhandled event) {}
}
