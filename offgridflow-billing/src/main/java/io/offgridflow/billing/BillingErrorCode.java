package io.offgridflow.billing;

import io.offgridflow.ErrorCode;

/**
 * The billing module's stable error codes. Names never change once released; hosts may persist and
 * match on them.
 *
 * <pre>{@code
 * catch (BillingException e) {
 *   if (e.code() == BillingErrorCode.LIMIT_EXCEEDED) { return upgradePrompt(); }
 * }
 * }</pre>
 */
public enum BillingErrorCode implements ErrorCode {
  /** A tenant tried to use more of a plan limit than its plan allows. */
  LIMIT_EXCEEDED(false),
  /** A tenant used a feature its plan does not include. */
  FEATURE_NOT_ENTITLED(false),
  /** A plan id or Stripe price id is not in the plan catalog. */
  UNKNOWN_PLAN(false),
  /** A builder or call was given an invalid or incomplete configuration or argument. */
  INVALID_CONFIGURATION(false),
  /** A tenant has no Stripe customer yet, but the operation needs one. */
  NO_CUSTOMER(false),
  /** Reading or writing billing state failed (database unreachable, serialization conflict). */
  STATE_STORE_FAILURE(true),
  /** A webhook payload is not a Stripe event (bad JSON, missing id or type). */
  INVALID_WEBHOOK_PAYLOAD(false),
  /** The customer's card was declined. */
  CARD_DECLINED(false),
  /** The gateway asked us to slow down. */
  GATEWAY_RATE_LIMITED(true),
  /** The gateway rejected our credentials or permissions: fix the API key. */
  GATEWAY_AUTHENTICATION(false),
  /** The gateway rejected the request's parameters (unknown price, bad id). */
  GATEWAY_INVALID_REQUEST(false),
  /** An idempotency key was reused with different parameters. */
  GATEWAY_IDEMPOTENCY_CONFLICT(false),
  /** The gateway could not be reached or answered with a server error. */
  GATEWAY_UNAVAILABLE(true),
  /** The gateway answered something this SDK cannot interpret. */
  GATEWAY_UNEXPECTED_RESPONSE(false);

  private final boolean retryable;

  BillingErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
