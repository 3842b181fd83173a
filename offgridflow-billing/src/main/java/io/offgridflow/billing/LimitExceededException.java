package io.offgridflow.billing;

/**
 * A tenant tried to consume more of a limit than its plan allows. Carries the limit, the allowance,
 * the use before the attempt and the amount requested, so the host can show an upgrade prompt.
 *
 * <pre>{@code
 * try {
 *   limits.consume("acme", Limit.ACTIVITY_ROWS_PER_MONTH, rows);
 * } catch (LimitExceededException e) {
 *   return "You have used " + e.currentUse() + " of " + e.allowed() + " rows this month";
 * }
 * }</pre>
 */
public final class LimitExceededException extends BillingException {
  private static final long serialVersionUID = 1L;

  private final String tenantId;
  private final Limit limit;
  private final long allowed;
  private final long currentUse;
  private final long requested;

  public LimitExceededException(String tenantId, Limit limit, long allowed, long currentUse, long requested) {
    super(BillingErrorCode.LIMIT_EXCEEDED, "tenant '" + tenantId + "': limit " + limit.key() + " is " + allowed
        + ", " + currentUse + " already used, " + requested + " more requested; upgrade the plan or wait for the"
        + (limit.reset() == Limit.Reset.MONTHLY ? " next month" : " use to be released"));
    this.tenantId = tenantId;
    this.limit = limit;
    this.allowed = allowed;
    this.currentUse = currentUse;
    this.requested = requested;
  }

  public String tenantId() {
    return tenantId;
  }

  public Limit limit() {
    return limit;
  }

  /** The plan's allowance for the limit (0 when the plan does not include it). */
  public long allowed() {
    return allowed;
  }

  /** The use before the rejected attempt. */
  public long currentUse() {
    return currentUse;
  }

  public long requested() {
    return requested;
  }
}
