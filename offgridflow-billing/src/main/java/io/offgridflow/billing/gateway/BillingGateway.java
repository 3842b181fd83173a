package io.offgridflow.billing.gateway;

import io.offgridflow.billing.UsageRecord;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The payment provider, as OffGridFlow needs it. {@link StripeBillingGateway} is the implementation;
 * tests and hosts may supply their own. Every mutating call takes an idempotency key that must stay
 * the same when the host retries the same logical operation, so a retry never charges twice.
 * Failures are {@link io.offgridflow.billing.BillingException}s whose {@code isRetryable()} says
 * whether to try again.
 *
 * <pre>{@code
 * String customer = gateway.createCustomer(new CustomerRequest("acme", Optional.of("a@acme.test"), Optional.empty(), "acme-signup"));
 * URI checkout = gateway.checkoutSession(new CheckoutRequest("acme", customer, "price_pro", Duration.ofDays(14),
 *     success, cancel, "acme-checkout-1"));
 * }</pre>
 */
public interface BillingGateway {
  /** Creates a customer and returns its id. */
  String createCustomer(CustomerRequest request);

  SubscriptionView createSubscription(SubscriptionRequest request);

  SubscriptionView retrieveSubscription(String subscriptionId);

  /**
   * The {@code tenant_id} metadata of a customer, read live; how a webhook about a customer not yet
   * linked locally (events arriving before the one that links it) finds its tenant.
   */
  Optional<String> customerTenant(String customerId);

  /** Moves the subscription's (single) item to {@code newPriceId}. */
  SubscriptionView changePlan(String subscriptionId, String newPriceId, Proration proration, String idempotencyKey);

  SubscriptionView cancelSubscription(String subscriptionId, CancelMode mode, String idempotencyKey);

  /** A hosted Checkout page URL for subscribing. */
  URI checkoutSession(CheckoutRequest request);

  /** A Billing Portal URL where the customer manages payment methods, invoices and the subscription. */
  URI billingPortalSession(String customerId, URI returnUrl, String idempotencyKey);

  /** The customer's most recent invoices, newest first. */
  List<InvoiceView> invoices(String customerId, int limit);

  /**
   * Sends one usage record as a Billing Meter event for {@code customerId}, identified by
   * {@link UsageRecord#identifier()} so that a resend is counted once.
   */
  void sendMeterEvent(UsageRecord usage, String customerId);
}
