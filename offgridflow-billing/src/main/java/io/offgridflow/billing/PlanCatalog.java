package io.offgridflow.billing;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The plans a host sells, looked up by id or by Stripe price id. {@link #defaults()} holds Free, Pro
 * and Enterprise; hosts add or replace plans with the builder. The fallback plan is where tenants
 * without a subscription, and lapsed ones under {@link LapsePolicy.AfterGrace#DOWNGRADE}, land.
 *
 * <pre>{@code
 * PlanCatalog catalog = PlanCatalog.builder()
 *     .addDefaults()
 *     .stripePrice(PlanCatalog.PRO, "price_1Pro")
 *     .add(Plan.builder("team").feature(Feature.SSO).limit(Limit.SEATS, 50).build())
 *     .build();
 * }</pre>
 */
public final class PlanCatalog {
  /** Id of the default free plan. */
  public static final String FREE = "free";
  /** Id of the default pro plan. */
  public static final String PRO = "pro";
  /** Id of the default enterprise plan. */
  public static final String ENTERPRISE = "enterprise";

  private final Map<String, Plan> byId;
  private final Map<String, Plan> byPriceId;
  private final Plan fallback;

  private PlanCatalog(Map<String, Plan> byId, Plan fallback) {
    this.byId = Map.copyOf(byId);
    Map<String, Plan> prices = new HashMap<>();
    for (Plan plan : byId.values()) {
      plan.stripePriceId().ifPresent(price -> {
        Plan previous = prices.put(price, plan);
        if (previous != null) {
          throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "Stripe price " + price
              + " is attached to both plan '" + previous.id() + "' and plan '" + plan.id() + "'");
        }
      });
    }
    this.byPriceId = Map.copyOf(prices);
    this.fallback = fallback;
  }

  /** Free, Pro and Enterprise, with Free as the fallback and no Stripe prices attached. */
  public static PlanCatalog defaults() {
    return builder().addDefaults().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The plan with this id. */
  public Plan plan(String planId) {
    Plan plan = byId.get(planId);
    if (plan == null) {
      throw new BillingException(BillingErrorCode.UNKNOWN_PLAN, "plan '" + planId + "' is not in the catalog "
          + byId.keySet() + "; add it with PlanCatalog.builder().add(...)");
    }
    return plan;
  }

  public Optional<Plan> find(String planId) {
    return Optional.ofNullable(byId.get(planId));
  }

  /** The plan sold by a Stripe price, if the catalog knows the price. */
  public Optional<Plan> byStripePrice(String priceId) {
    return Optional.ofNullable(byPriceId.get(priceId));
  }

  public Plan fallback() {
    return fallback;
  }

  public Collection<Plan> plans() {
    return byId.values();
  }

  /** Collects plans; later {@link #add} calls with the same id replace earlier ones. */
  public static final class Builder {
    private final Map<String, Plan> plans = new LinkedHashMap<>();
    private String fallbackId = FREE;

    private Builder() {}

    /** Adds Free, Pro (14-day trial) and Enterprise (30-day trial). */
    public Builder addDefaults() {
      add(Plan.builder(FREE).displayName("Free")
          .feature(Feature.API_ACCESS)
          .limit(Limit.CONNECTORS, 1)
          .limit(Limit.ACTIVITY_ROWS_PER_MONTH, 10_000)
          .limit(Limit.SEATS, 2)
          .limit(Limit.REPORT_EXPORTS_PER_MONTH, 1)
          .build());
      add(Plan.builder(PRO).displayName("Pro")
          .features(Feature.API_ACCESS, Feature.CLOUD_CONNECTORS, Feature.SCOPE3_SPEND, Feature.XBRL_EXPORT)
          .limit(Limit.CONNECTORS, 10)
          .limit(Limit.ACTIVITY_ROWS_PER_MONTH, 1_000_000)
          .limit(Limit.SEATS, 20)
          .limit(Limit.REPORT_EXPORTS_PER_MONTH, 50)
          .trial(Duration.ofDays(14))
          .build());
      add(Plan.builder(ENTERPRISE).displayName("Enterprise")
          .features(Feature.API_ACCESS, Feature.CLOUD_CONNECTORS, Feature.SCOPE3_SPEND, Feature.XBRL_EXPORT,
              Feature.SSO, Feature.AUDIT_LOG)
          .unlimited(Limit.CONNECTORS)
          .unlimited(Limit.ACTIVITY_ROWS_PER_MONTH)
          .unlimited(Limit.SEATS)
          .unlimited(Limit.REPORT_EXPORTS_PER_MONTH)
          .trial(Duration.ofDays(30))
          .build());
      return this;
    }

    public Builder add(Plan plan) {
      plans.put(plan.id(), plan);
      return this;
    }

    /** Attaches a Stripe price to a plan already added. */
    public Builder stripePrice(String planId, String priceId) {
      Plan plan = plans.get(planId);
      if (plan == null) {
        throw new BillingException(BillingErrorCode.UNKNOWN_PLAN, "cannot attach price " + priceId
            + ": plan '" + planId + "' has not been added (plans: " + plans.keySet() + ")");
      }
      return add(plan.toBuilder().stripePriceId(priceId).build());
    }

    /** The plan for tenants without a subscription and for downgraded ones; default {@code free}. */
    public Builder fallbackPlan(String planId) {
      this.fallbackId = planId;
      return this;
    }

    public PlanCatalog build() {
      @Nullable Plan fallback = plans.get(fallbackId);
      if (fallback == null) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "fallback plan '" + fallbackId
            + "' is not among the plans " + List.copyOf(plans.keySet()));
      }
      return new PlanCatalog(plans, fallback);
    }
  }
}
