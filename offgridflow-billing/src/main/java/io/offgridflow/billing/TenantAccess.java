package io.offgridflow.billing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a tenant may use right now, after the {@link LapsePolicy} has been applied to its billing
 * state: the effective plan, features and allowances. For account pages and support tools; the
 * request path uses {@link Entitlements#check}.
 *
 * <pre>{@code
 * TenantAccess a = entitlements.access("acme");
 * if (a.state() == TenantAccess.State.IN_GRACE) { banner("Payment failed, access ends " + a.graceEndsAt().get()); }
 * }</pre>
 *
 * @param tenantId the tenant
 * @param state why the tenant has this access
 * @param effectivePlanId the plan whose features and limits apply; the subscribed plan only while
 *     {@link State#SUBSCRIBED} or {@link State#IN_GRACE}; empty string when {@link State#SUSPENDED}
 * @param features the features granted (plan features plus active Stripe entitlements)
 * @param allowances each limit's allowance; a limit absent here has allowance 0
 * @param graceEndsAt when grace ends, while {@link State#IN_GRACE}
 */
public record TenantAccess(String tenantId, State state, String effectivePlanId, Set<Feature> features,
    Map<Limit, Long> allowances, Optional<Instant> graceEndsAt) {

  /** Why a tenant has the access it has. */
  public enum State {
    /** No live subscription: the catalog's fallback plan. */
    NO_SUBSCRIPTION,
    /** Trialing or active and paid up: the subscribed plan. */
    SUBSCRIBED,
    /** A payment failed; the subscribed plan is kept until {@code graceEndsAt}. */
    IN_GRACE,
    /** Grace ended (or the subscription is paused) under the downgrade policy: the fallback plan. */
    DOWNGRADED,
    /** Grace ended (or paused) under the suspend policy: nothing. */
    SUSPENDED
  }

  public TenantAccess {
    features = Set.copyOf(features);
    allowances = Map.copyOf(allowances);
  }

  public long allowance(Limit limit) {
    Long allowance = allowances.get(limit);
    return allowance == null ? 0 : allowance;
  }
}
