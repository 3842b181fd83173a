package io.offgridflow.jobs;

/**
 * Where a job is in its life.
 *
 * <pre>
 * SCHEDULED --(run-at reached)--> AVAILABLE --(claimed)--> RUNNING --> SUCCEEDED
 *                                     ^                       |-----> RETRYING --(backoff over)--> AVAILABLE
 *                                     |                       |-----> DEAD      (last attempt failed, or non-retryable)
 *                                     '--(lease expired)------'-----> CANCELLED
 * </pre>
 *
 * <p>A store may keep SCHEDULED and RETRYING rows whose run-at has passed as they are and treat them
 * as claimable: the status then says why the job waited, and {@link #isClaimable()} says it may run.
 */
public enum JobStatus {
  /** Waiting for its run-at time (first attempt). */
  SCHEDULED,
  /** Ready to be claimed now. */
  AVAILABLE,
  /** Held by a worker under a lease. */
  RUNNING,
  /** Finished successfully. Final. */
  SUCCEEDED,
  /** Failed an attempt; waiting out its backoff before the next one. */
  RETRYING,
  /** Failed its last attempt or a non-retryable error. Final; every attempt's error is kept. */
  DEAD,
  /** Cancelled before it finished. Final. */
  CANCELLED;

  /** Whether the job will never run again. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == DEAD || this == CANCELLED;
  }

  /** Whether a worker may claim the job once its run-at time has come. */
  public boolean isClaimable() {
    return this == SCHEDULED || this == AVAILABLE || this == RETRYING;
  }
}
