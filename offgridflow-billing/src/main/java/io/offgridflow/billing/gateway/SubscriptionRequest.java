package io.offgridflow.billing.gateway;

import java.time.Duration;

/**
 * A subscription to start.
 *
 * <pre>{@code
 * SubscriptionView s = gateway.createSubscription(
 *     new SubscriptionRequest("acme", "cus_123", "price_pro", Duration.ofDays(14), "acme-pro-1"));
 * }</pre>
 *
 * @param tenantId the tenant, stored as subscription metadata
 * @param customerId the customer ({@code cus_...})
 * @param priceId the price ({@code price_...})
 * @param trial trial length; {@link Duration#ZERO} for none (whole days are sent)
 * @param idempotencyKey a key stable across retries of this logical request
 */
public record SubscriptionRequest(String tenantId, String customerId, String priceId, Duration trial,
    String idempotencyKey) {}
