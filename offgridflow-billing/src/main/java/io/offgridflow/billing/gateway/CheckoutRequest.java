package io.offgridflow.billing.gateway;

import java.net.URI;
import java.time.Duration;

/**
 * A hosted Checkout page for subscribing a tenant.
 *
 * <pre>{@code
 * URI page = gateway.checkoutSession(new CheckoutRequest("acme", "cus_123", "price_pro", Duration.ofDays(14),
 *     URI.create("https://app.test/billing/done"), URI.create("https://app.test/billing"), "acme-checkout-7"));
 * }</pre>
 *
 * @param tenantId the tenant: Checkout's {@code client_reference_id} and subscription metadata
 * @param customerId the existing customer
 * @param priceId the price to subscribe to
 * @param trial trial length, {@link Duration#ZERO} for none
 * @param successUrl where Checkout returns after paying
 * @param cancelUrl where Checkout returns when abandoned
 * @param idempotencyKey a key stable across retries of this logical request
 */
public record CheckoutRequest(String tenantId, String customerId, String priceId, Duration trial, URI successUrl,
    URI cancelUrl, String idempotencyKey) {}
