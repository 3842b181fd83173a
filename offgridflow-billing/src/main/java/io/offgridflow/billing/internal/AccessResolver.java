package io.offgridflow.billing.internal;

import io.offgridflow.billing.BillingState;
import io.offgridflow.billing.Feature;
import io.offgridflow.billing.LapsePolicy;
import io.offgridflow.billing.Plan;
import io.offgridflow.billing.PlanCatalog;
import io.offgridflow.billing.TenantAccess;
import io.offgridflow.billing.TenantAccess.State;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the {@link LapsePolicy} to a tenant's billing state at an instant; see that class for the table. */
public final class AccessResolver {
  private static final Logger LOG = LoggerFactory.getLogger(AccessResolver.class);
  private static final Pattern FEATURE_KEY = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,79}");

  private final PlanCatalog catalog;
  private final LapsePolicy policy;

  public AccessResolver(PlanCatalog catalog, LapsePolicy policy) {
    this.catalog = catalog;
    this.policy = policy;
  }

  public PlanCatalog catalog() {
    return catalog;
  }

  /**
   * The access at {@code now} and the instant it next changes by itself (grace running out), or
   * {@code null} when only a new state can change it.
   */
  public Resolved resolve(String tenantId, @Nullable BillingState state, Instant now) {
    if (state == null) {
      return fixed(tenantId, State.NO_SUBSCRIPTION, catalog.fallback(), Set.of());
    }
    Plan plan = catalog.find(state.planId()).orElseGet(() -> {
      LOG.warn("tenant '{}' is on plan '{}', which is not in the catalog; using fallback plan '{}'",
          tenantId, state.planId(), catalog.fallback().id());
      return catalog.fallback();
    });
    switch (state.status()) {
      case NONE, INCOMPLETE, INCOMPLETE_EXPIRED, CANCELED:
        return fixed(tenantId, State.NO_SUBSCRIPTION, catalog.fallback(), Set.of());
      case PAUSED:
        return lapsed(tenantId);
      default:
        break;
    }
    Set<Feature> stripeFeatures = stripeFeatures(tenantId, state.stripeEntitlements());
    Optional<Instant> graceStart = state.paymentFailedAt().or(() -> switch (state.status()) {
      // Past due without a recorded invoice failure (the invoice event has not arrived yet): grace
      // runs from when the subscription event that reported the status was created.
      case PAST_DUE, UNPAID -> Optional.of(Instant.ofEpochSecond(state.subscriptionVersion()));
      default -> Optional.empty();
    });
    if (graceStart.isEmpty()) {
      return fixed(tenantId, State.SUBSCRIBED, plan, stripeFeatures);
    }
    Instant graceEnd = graceStart.get().plus(policy.gracePeriod());
    if (now.isBefore(graceEnd)) {
      TenantAccess access = new TenantAccess(tenantId, State.IN_GRACE, plan.id(), union(plan.features(), stripeFeatures),
          plan.limits(), Optional.of(graceEnd));
      return new Resolved(access, graceEnd);
    }
    return lapsed(tenantId);
  }

  private Resolved lapsed(String tenantId) {
    if (policy.afterGrace() == LapsePolicy.AfterGrace.SUSPEND) {
      return new Resolved(new TenantAccess(tenantId, State.SUSPENDED, "", Set.of(), Map.of(), Optional.empty()), null);
    }
    return fixed(tenantId, State.DOWNGRADED, catalog.fallback(), Set.of());
  }

  private static Resolved fixed(String tenantId, State state, Plan plan, Set<Feature> extra) {
    return new Resolved(new TenantAccess(tenantId, state, plan.id(), union(plan.features(), extra), plan.limits(),
        Optional.empty()), null);
  }

  private static Set<Feature> union(Set<Feature> a, Set<Feature> b) {
    if (b.isEmpty()) {
      return a;
    }
    Set<Feature> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static Set<Feature> stripeFeatures(String tenantId, Set<String> lookupKeys) {
    Set<Feature> features = new HashSet<>();
    for (String key : lookupKeys) {
      if (FEATURE_KEY.matcher(key).matches()) {
        features.add(new Feature(key));
      } else {
        LOG.warn("tenant '{}': Stripe entitlement lookup key '{}' is not a valid feature key; ignored", tenantId, key);
      }
    }
    return features;
  }

  /**
   * A resolved access and when it expires.
   *
   * @param access the access
   * @param changesAt when grace runs out, or null
   */
  public record Resolved(TenantAccess access, @Nullable Instant changesAt) {}
}
