package io.offgridflow.billing.gateway;

import io.offgridflow.billing.SubscriptionStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * A subscription as the gateway reports it, free of Stripe types.
 *
 * <pre>{@code
 * SubscriptionView s = gateway.retrieveSubscription("sub_123");
 * s.status(); // ACTIVE
 * }</pre>
 *
 * @param id the subscription id ({@code sub_...})
 * @param customerId its customer ({@code cus_...})
 * @param status its status
 * @param priceId the price of its first item
 * @param trialEnd end of the trial, if any
 * @param currentPeriodStart start of the current period
 * @param currentPeriodEnd end of the current period
 * @param cancelAtPeriodEnd whether it ends at the period end
 * @param tenantId the {@code tenant_id} metadata this SDK sets on subscriptions it creates
 */
public record SubscriptionView(String id, String customerId, SubscriptionStatus status, Optional<String> priceId,
    Optional<Instant> trialEnd, Optional<Instant> currentPeriodStart, Optional<Instant> currentPeriodEnd,
    boolean cancelAtPeriodEnd, Optional<String> tenantId) {}
