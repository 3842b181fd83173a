package io.offgridflow.jobs;

import io.offgridflow.ErrorCode;

/**
 * The job module's stable error codes. Names never change once released; hosts may persist and
 * match on them.
 *
 * <pre>{@code
 * catch (JobException e) {
 *   if (e.code() == JobsErrorCode.PAYLOAD_UNREADABLE) { ... }
 * }
 * }</pre>
 */
public enum JobsErrorCode implements ErrorCode {
  /** A job request is incomplete or holds an invalid value (blank type, zero attempts, ...). */
  INVALID_JOB(false),
  /** A payload object could not be written as JSON. */
  PAYLOAD_UNWRITABLE(false),
  /** A stored payload could not be read into the handler's payload class. */
  PAYLOAD_UNREADABLE(false),
  /** A claimed job's type has no handler on this worker. */
  NO_HANDLER(false),
  /** An attempt ran longer than the job's timeout. */
  ATTEMPT_TIMED_OUT(true),
  /** The handler saw the job's cancellation and stopped. */
  CANCELLED(false),
  /** The handler threw an exception it marked as not worth retrying. */
  NON_RETRYABLE(false),
  /** A cron expression or schedule definition is invalid. */
  INVALID_SCHEDULE(false),
  /** A builder was given an invalid or incomplete configuration. */
  INVALID_CONFIGURATION(false),
  /** The worker is shut down or shutting down. */
  WORKER_STOPPED(false),
  /** The job store could not be reached or failed; the same call may succeed later. */
  STORE_FAILURE(true);

  private final boolean retryable;

  JobsErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
