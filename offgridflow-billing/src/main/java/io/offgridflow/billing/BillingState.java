package io.offgridflow.billing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One tenant's billing state as the webhooks and the host's own calls left it: the Stripe customer
 * and subscription, status, plan, trial end, current period, payment trouble, Stripe-managed
 * entitlements, and for each kind of Stripe object the version (the {@code created} time, epoch
 * seconds, of the newest event applied), which is how late and out-of-order events are recognised.
 *
 * <pre>{@code
 * BillingState s = stateStore.find("acme").orElseThrow();
 * if (s.status() == SubscriptionStatus.PAST_DUE) { ... }
 * }</pre>
 *
 * @param tenantId the host's tenant id
 * @param customerId the Stripe customer ({@code cus_...})
 * @param subscriptionId the Stripe subscription ({@code sub_...})
 * @param status the subscription status
 * @param planId the catalog plan the subscription (or the host) put the tenant on
 * @param trialEnd when the trial ends, while there is one
 * @param currentPeriodStart start of the current billing period
 * @param currentPeriodEnd end of the current billing period
 * @param cancelAtPeriodEnd whether the subscription ends at {@code currentPeriodEnd}
 * @param paymentFailedAt when a payment first failed since the last successful one: the grace period starts here
 * @param paymentActionRequired whether the customer must authenticate a payment (3-D Secure)
 * @param stripeEntitlements lookup keys of Stripe Entitlements features currently active
 * @param customerVersion version of the customer object applied
 * @param subscriptionVersion version of the subscription object applied
 * @param invoiceVersion version of the payment (invoice) state applied
 * @param entitlementsVersion version of the Stripe entitlement summary applied
 */
public record BillingState(String tenantId, Optional<String> customerId, Optional<String> subscriptionId,
    SubscriptionStatus status, String planId, Optional<Instant> trialEnd, Optional<Instant> currentPeriodStart,
    Optional<Instant> currentPeriodEnd, boolean cancelAtPeriodEnd, Optional<Instant> paymentFailedAt,
    boolean paymentActionRequired, Set<String> stripeEntitlements, long customerVersion, long subscriptionVersion,
    long invoiceVersion, long entitlementsVersion) {

  public BillingState {
    Objects.requireNonNull(tenantId, "tenantId");
    if (tenantId.isBlank() || tenantId.length() > 200) {
      throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "tenant id '" + tenantId
          + "' must be 1-200 characters and not blank");
    }
    stripeEntitlements = Set.copyOf(stripeEntitlements);
  }

  /** A tenant that has never subscribed: status {@link SubscriptionStatus#NONE} on {@code planId}. */
  public static BillingState initial(String tenantId, String planId) {
    return new BillingState(tenantId, Optional.empty(), Optional.empty(), SubscriptionStatus.NONE, planId,
        Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(), false, Set.of(), 0, 0, 0, 0);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Copies a state with some parts changed. */
  public static final class Builder {
    private final String tenantId;
    private @Nullable String customerId;
    private @Nullable String subscriptionId;
    private SubscriptionStatus status;
    private String planId;
    private @Nullable Instant trialEnd;
    private @Nullable Instant currentPeriodStart;
    private @Nullable Instant currentPeriodEnd;
    private boolean cancelAtPeriodEnd;
    private @Nullable Instant paymentFailedAt;
    private boolean paymentActionRequired;
    private Set<String> stripeEntitlements;
    private long customerVersion;
    private long subscriptionVersion;
    private long invoiceVersion;
    private long entitlementsVersion;

    private Builder(BillingState s) {
      tenantId = s.tenantId;
      customerId = s.customerId.orElse(null);
      subscriptionId = s.subscriptionId.orElse(null);
      status = s.status;
      planId = s.planId;
      trialEnd = s.trialEnd.orElse(null);
      currentPeriodStart = s.currentPeriodStart.orElse(null);
      currentPeriodEnd = s.currentPeriodEnd.orElse(null);
      cancelAtPeriodEnd = s.cancelAtPeriodEnd;
      paymentFailedAt = s.paymentFailedAt.orElse(null);
      paymentActionRequired = s.paymentActionRequired;
      stripeEntitlements = s.stripeEntitlements;
      customerVersion = s.customerVersion;
      subscriptionVersion = s.subscriptionVersion;
      invoiceVersion = s.invoiceVersion;
      entitlementsVersion = s.entitlementsVersion;
    }

    public Builder customerId(@Nullable String v) {
      customerId = v;
      return this;
    }

    public Builder subscriptionId(@Nullable String v) {
      subscriptionId = v;
      return this;
    }

    public Builder status(SubscriptionStatus v) {
      status = v;
      return this;
    }

    public Builder planId(String v) {
      planId = v;
      return this;
    }

    public Builder trialEnd(@Nullable Instant v) {
      trialEnd = v;
      return this;
    }

    public Builder currentPeriod(@Nullable Instant start, @Nullable Instant end) {
      currentPeriodStart = start;
      currentPeriodEnd = end;
      return this;
    }

    public Builder cancelAtPeriodEnd(boolean v) {
      cancelAtPeriodEnd = v;
      return this;
    }

    public Builder paymentFailedAt(@Nullable Instant v) {
      paymentFailedAt = v;
      return this;
    }

    public Builder paymentActionRequired(boolean v) {
      paymentActionRequired = v;
      return this;
    }

    public Builder stripeEntitlements(Set<String> v) {
      stripeEntitlements = v;
      return this;
    }

    public Builder customerVersion(long v) {
      customerVersion = v;
      return this;
    }

    public Builder subscriptionVersion(long v) {
      subscriptionVersion = v;
      return this;
    }

    public Builder invoiceVersion(long v) {
      invoiceVersion = v;
      return this;
    }

    public Builder entitlementsVersion(long v) {
      entitlementsVersion = v;
      return this;
    }

    public BillingState build() {
      return new BillingState(tenantId, Optional.ofNullable(customerId), Optional.ofNullable(subscriptionId),
          status, planId, Optional.ofNullable(trialEnd), Optional.ofNullable(currentPeriodStart),
          Optional.ofNullable(currentPeriodEnd), cancelAtPeriodEnd, Optional.ofNullable(paymentFailedAt),
          paymentActionRequired, stripeEntitlements, customerVersion, subscriptionVersion, invoiceVersion,
          entitlementsVersion);
    }
  }
}
