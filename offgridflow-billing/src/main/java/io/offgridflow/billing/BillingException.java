package io.offgridflow.billing;

import io.offgridflow.OffGridFlowException;

/**
 * Root of the billing module's exceptions. {@link #isRetryable()} tells whether the same call may
 * succeed later (gateway outage, rate limit) or needs a change first (declined card, bad price).
 *
 * <pre>{@code
 * try {
 *   gateway.cancelSubscription(id, CancelMode.AT_PERIOD_END);
 * } catch (BillingException e) {
 *   if (e.isRetryable()) { scheduleRetry(); } else { throw e; }
 * }
 * }</pre>
 */
public class BillingException extends OffGridFlowException {
  private static final long serialVersionUID = 1L;

  public BillingException(BillingErrorCode code, String message) {
    super(code, message);
  }

  public BillingException(BillingErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }

  @Override
  public BillingErrorCode code() {
    return (BillingErrorCode) super.code();
  }
}
