package io.offgridflow.billing;

import java.util.Locale;

/**
 * A tenant's subscription status, mirroring Stripe's subscription statuses plus {@link #NONE}.
 *
 * <pre>{@code
 * SubscriptionStatus s = SubscriptionStatus.fromStripe("past_due"); // PAST_DUE
 * }</pre>
 */
public enum SubscriptionStatus {
  /** No subscription (never subscribed, or the customer was deleted). */
  NONE,
  TRIALING,
  ACTIVE,
  /** A renewal payment failed; Stripe is retrying. The grace period runs. */
  PAST_DUE,
  /** Stripe gave up retrying but left the subscription open. The grace period runs. */
  UNPAID,
  /** The first payment has not succeeded yet. */
  INCOMPLETE,
  INCOMPLETE_EXPIRED,
  PAUSED,
  CANCELED;

  /** The status for Stripe's name of it ({@code past_due}, {@code trialing}, ...). */
  public static SubscriptionStatus fromStripe(String stripeStatus) {
    String upper = stripeStatus.toUpperCase(Locale.ROOT);
    if (upper.equals("NONE")) {
      throw unknown(stripeStatus);
    }
    try {
      return valueOf(upper);
    } catch (IllegalArgumentException e) {
      throw unknown(stripeStatus);
    }
  }

  /** Stripe's name of this status; {@code none} for {@link #NONE}. */
  public String stripeName() {
    return name().toLowerCase(Locale.ROOT);
  }

  private static BillingException unknown(String value) {
    return new BillingException(BillingErrorCode.INVALID_WEBHOOK_PAYLOAD, "subscription status '" + value
        + "' is not a Stripe subscription status");
  }
}
