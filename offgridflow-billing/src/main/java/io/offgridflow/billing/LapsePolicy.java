package io.offgridflow.billing;

import java.time.Duration;
import java.util.Objects;

/**
 * What a tenant keeps when payment stops. The policy, applied to the stored {@link BillingState} at
 * the time of each check:
 *
 * <table>
 *   <caption>Effective access by subscription status</caption>
 *   <tr><th>status</th><th>access</th></tr>
 *   <tr><td>TRIALING, ACTIVE (no failed payment)</td><td>the subscribed plan</td></tr>
 *   <tr><td>a failed payment pending ({@code paymentFailedAt}), PAST_DUE, UNPAID</td>
 *       <td>the subscribed plan until {@code paymentFailedAt + gracePeriod} ("in grace"), then
 *       {@link AfterGrace}</td></tr>
 *   <tr><td>PAUSED</td><td>{@link AfterGrace} at once (Stripe pauses when a trial ends unpaid)</td></tr>
 *   <tr><td>NONE, INCOMPLETE, INCOMPLETE_EXPIRED, CANCELED</td><td>the catalog's fallback plan</td></tr>
 * </table>
 *
 * <p>{@link AfterGrace#DOWNGRADE} gives the fallback plan (Free by default), so the tenant keeps
 * working within Free's limits; {@link AfterGrace#SUSPEND} removes every feature and sets every
 * limit to 0 until a payment succeeds. An {@code invoice.paid} event ends grace at once.
 *
 * <pre>{@code
 * LapsePolicy policy = LapsePolicy.builder()
 *     .gracePeriod(Duration.ofDays(14))
 *     .afterGrace(LapsePolicy.AfterGrace.SUSPEND)
 *     .build();
 * }</pre>
 *
 * @param gracePeriod how long a tenant keeps its plan after the first failed payment
 * @param afterGrace what happens when grace ends
 */
public record LapsePolicy(Duration gracePeriod, AfterGrace afterGrace) {
  /** What a tenant gets once the grace period is over. */
  public enum AfterGrace {
    /** The catalog's fallback plan. */
    DOWNGRADE,
    /** No features, every limit 0. */
    SUSPEND
  }

  public LapsePolicy {
    Objects.requireNonNull(afterGrace, "afterGrace");
    if (gracePeriod.isNegative()) {
      throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "grace period " + gracePeriod
          + " is negative; use Duration.ZERO for no grace");
    }
  }

  /** Seven days of grace, then downgrade to the fallback plan. */
  public static LapsePolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link LapsePolicy}; defaults are 7 days and {@link AfterGrace#DOWNGRADE}. */
  public static final class Builder {
    private Duration gracePeriod = Duration.ofDays(7);
    private AfterGrace afterGrace = AfterGrace.DOWNGRADE;

    private Builder() {}

    public Builder gracePeriod(Duration gracePeriod) {
      this.gracePeriod = gracePeriod;
      return this;
    }

    public Builder afterGrace(AfterGrace afterGrace) {
      this.afterGrace = afterGrace;
      return this;
    }

    public LapsePolicy build() {
      return new LapsePolicy(gracePeriod, afterGrace);
    }
  }
}
