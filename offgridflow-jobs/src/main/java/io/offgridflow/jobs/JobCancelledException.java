package io.offgridflow.jobs;

/**
 * Thrown by {@link JobContext#throwIfCancelled()} when a handler should stop. The worker reads the
 * real reason from the context (cancelled, timed out, lease lost, shutting down), so a handler may
 * let it propagate or throw its own exception.
 *
 * <pre>{@code
 * ctx.throwIfCancelled();
 * }</pre>
 */
public class JobCancelledException extends JobException {
  private static final long serialVersionUID = 1L;

  public JobCancelledException(String message) {
    super(JobsErrorCode.CANCELLED, message);
  }
}
