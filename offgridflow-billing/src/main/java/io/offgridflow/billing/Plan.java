package io.offgridflow.billing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A plan: the features it includes, its numeric limits, its trial length and the Stripe price that
 * sells it. A limit the plan does not mention is not included (allowance 0); {@link #UNLIMITED}
 * lifts it entirely.
 *
 * <pre>{@code
 * Plan team = Plan.builder("team")
 *     .displayName("Team")
 *     .feature(Feature.CLOUD_CONNECTORS)
 *     .limit(Limit.SEATS, 10)
 *     .unlimited(Limit.ACTIVITY_ROWS_PER_MONTH)
 *     .trial(Duration.ofDays(14))
 *     .stripePriceId("price_1Team")
 *     .build();
 * }</pre>
 */
public record Plan(String id, String displayName, Set<Feature> features, Map<Limit, Long> limits,
    Duration trial, Optional<String> stripePriceId) {
  /** The allowance of a limit the plan does not cap. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  public Plan {
    if (!ID.matcher(id).matches()) {
      throw invalid("plan id '" + id + "' is invalid: use 1-64 characters of a-z, 0-9, '_', '.' or '-'");
    }
    if (trial.isNegative()) {
      throw invalid("plan '" + id + "': trial " + trial + " is negative");
    }
    limits.forEach((limit, allowance) -> {
      if (allowance < 0) {
        throw invalid("plan '" + id + "': limit " + limit.key() + " is " + allowance + "; allowances are >= 0");
      }
    });
    features = Set.copyOf(features);
    limits = Map.copyOf(limits);
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding this plan's values, e.g. to attach a Stripe price to a default plan. */
  public Builder toBuilder() {
    Builder b = new Builder(id).displayName(displayName).trial(trial);
    features.forEach(b::feature);
    limits.forEach(b::limit);
    stripePriceId.ifPresent(b::stripePriceId);
    return b;
  }

  /** The plan's allowance for {@code limit}: 0 when not included, {@link #UNLIMITED} when uncapped. */
  public long allowance(Limit limit) {
    Long allowance = limits.get(limit);
    return allowance == null ? 0 : allowance;
  }

  public boolean includes(Feature feature) {
    return features.contains(feature);
  }

  private static BillingException invalid(String message) {
    return new BillingException(BillingErrorCode.INVALID_CONFIGURATION, message);
  }

  /** Collects a plan's parts; {@link #build()} validates them. */
  public static final class Builder {
    private final String id;
    private @Nullable String displayName;
    private final Set<Feature> features = new LinkedHashSet<>();
    private final Map<Limit, Long> limits = new LinkedHashMap<>();
    private Duration trial = Duration.ZERO;
    private @Nullable String stripePriceId;

    private Builder(String id) {
      this.id = id;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder feature(Feature feature) {
      features.add(feature);
      return this;
    }

    public Builder features(Feature... all) {
      for (Feature f : all) {
        feature(f);
      }
      return this;
    }

    public Builder limit(Limit limit, long allowance) {
      limits.put(limit, allowance);
      return this;
    }

    public Builder unlimited(Limit limit) {
      return limit(limit, UNLIMITED);
    }

    public Builder trial(Duration trial) {
      this.trial = trial;
      return this;
    }

    /** The Stripe price id ({@code price_...}) whose subscriptions put a tenant on this plan. */
    public Builder stripePriceId(String priceId) {
      if (!priceId.startsWith("price_") && !priceId.startsWith("plan_")) {
        throw invalid("plan '" + id + "': Stripe price id '" + priceId + "' must start with price_ (or plan_)");
      }
      this.stripePriceId = priceId;
      return this;
    }

    public Plan build() {
      return new Plan(id, displayName == null ? id : displayName, features, limits, trial,
          Optional.ofNullable(stripePriceId));
    }
  }
}
