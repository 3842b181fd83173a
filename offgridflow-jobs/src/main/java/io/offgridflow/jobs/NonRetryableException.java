package io.offgridflow.jobs;

/**
 * Thrown by a handler when trying again cannot help (bad input, a deleted account): the job goes
 * straight to DEAD, with this error kept in its history, whatever attempts remain.
 *
 * <p>Any {@link io.offgridflow.OffGridFlowException} whose code is not retryable has the same
 * effect under the default {@link RetryPolicy}.
 *
 * <pre>{@code
 * if (account == null) {
 *   throw new NonRetryableException("account " + id + " no longer exists; nothing to sync");
 * }
 * }</pre>
 */
public class NonRetryableException extends JobException {
  private static final long serialVersionUID = 1L;

  public NonRetryableException(String message) {
    super(JobsErrorCode.NON_RETRYABLE, message);
  }

  public NonRetryableException(String message, Throwable cause) {
    super(JobsErrorCode.NON_RETRYABLE, message, cause);
  }
}
