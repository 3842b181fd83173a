package io.offgridflow.billing.gateway;

/**
 * When a cancelled subscription ends.
 *
 * <pre>{@code
 * gateway.cancelSubscription("sub_123", CancelMode.AT_PERIOD_END, "acme-cancel-1");
 * }</pre>
 */
public enum CancelMode {
  /** Ends now. */
  NOW,
  /** Runs to the end of the paid period, then ends. */
  AT_PERIOD_END
}
