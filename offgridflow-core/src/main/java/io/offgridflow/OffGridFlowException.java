package io.offgridflow;

/**
 * Root of every exception OffGridFlow throws. Each carries a stable {@link ErrorCode} that a host
 * can switch on and log, and says whether trying the same call again can succeed.
 *
 * <pre>{@code
 * try {
 *   calculator.calculate(activity);
 * } catch (OffGridFlowException e) {
 *   log.warn("{}: {}", e.code(), e.getMessage());
 * }
 * }</pre>
 */
public class OffGridFlowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public OffGridFlowException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public OffGridFlowException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The stable code of this error. */
  public ErrorCode code() {
    return code;
  }

  /** Whether the same call may succeed when tried again unchanged (I/O hiccups, outages). */
  public boolean isRetryable() {
    return code.retryable();
  }
}
