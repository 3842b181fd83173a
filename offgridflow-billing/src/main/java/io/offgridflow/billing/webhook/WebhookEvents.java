package io.offgridflow.billing.webhook;

import io.offgridflow.billing.BillingState;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The typed payloads {@link BillingListener} receives.
 *
 * <pre>{@code
 * public void onTrialWillEnd(WebhookEvents.TrialWillEnd e) { mail.trialEnding(e.tenantId(), e.trialEnd()); }
 * }</pre>
 */
public final class WebhookEvents {
  private WebhookEvents() {}

  /**
   * Any event this SDK applied to a tenant's state.
   *
   * @param eventId Stripe's event id
   * @param type the event type
   * @param tenantId the tenant
   * @param created when Stripe created the event
   * @param outcome {@code APPLIED} or {@code STALE}
   */
  public record Applied(String eventId, String type, String tenantId, Instant created,
      WebhookResponse.Outcome outcome) {}

  /**
   * A tenant's billing state after a customer, subscription, checkout or entitlement event.
   *
   * @param eventId Stripe's event id
   * @param type the event type
   * @param before the state before, absent for a new tenant
   * @param after the state now stored
   */
  public record StateChanged(String eventId, String type, Optional<BillingState> before, BillingState after) {
    public String tenantId() {
      return after.tenantId();
    }
  }

  /**
   * {@code customer.subscription.trial_will_end}: the trial ends in about three days.
   *
   * @param eventId Stripe's event id
   * @param tenantId the tenant
   * @param subscriptionId the subscription
   * @param trialEnd when the trial ends
   */
  public record TrialWillEnd(String eventId, String tenantId, String subscriptionId, Instant trialEnd) {}

  /**
   * An invoice event ({@code invoice.paid}, {@code payment_failed}, {@code payment_action_required},
   * {@code finalized}).
   *
   * @param eventId Stripe's event id
   * @param type the event type
   * @param tenantId the tenant
   * @param invoiceId the invoice
   * @param amountDue amount due, minor units
   * @param currency ISO code, lower case
   * @param attemptCount payment attempts so far
   * @param hostedInvoiceUrl where the customer can pay or authenticate
   * @param nextPaymentAttempt when Stripe retries next, if it will
   */
  public record Invoice(String eventId, String type, String tenantId, String invoiceId, long amountDue,
      String currency, long attemptCount, Optional<String> hostedInvoiceUrl, Optional<Instant> nextPaymentAttempt) {}

  /**
   * {@code payment_intent.succeeded} or {@code payment_intent.payment_failed}.
   *
   * @param eventId Stripe's event id
   * @param type the event type
   * @param tenantId the tenant, when the payment has a customer known here
   * @param paymentIntentId the payment intent
   * @param amount amount, minor units
   * @param currency ISO code, lower case
   * @param failureMessage the last payment error's message, for failures
   */
  public record PaymentIntent(String eventId, String type, Optional<String> tenantId, String paymentIntentId,
      long amount, String currency, Optional<String> failureMessage) {}

  /**
   * {@code entitlements.active_entitlement_summary.updated}.
   *
   * @param eventId Stripe's event id
   * @param tenantId the tenant
   * @param lookupKeys the active features' lookup keys
   */
  public record EntitlementsUpdated(String eventId, String tenantId, Set<String> lookupKeys) {}

  /**
   * An event type this SDK does not apply.
   *
   * @param eventId Stripe's event id
   * @param type the event type
   */
  public record Unhandled(String eventId, String type) {}
}
