package io.offgridflow.jobs.spi;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The end of one attempt, reported by the worker that holds the lease.
 *
 * @param id job id
 * @param attempt the attempt number from {@link ClaimedJob#attempt()} (fencing token)
 * @param outcome what happened
 * @param at the worker's clock when it finished
 * @param retryAt for {@link Outcome#RETRY}: when the next attempt may start; else null
 * @param error for RETRY, DEAD and (optionally) CANCELLED: the error to append to the history
 * @param progress last progress reported by the handler (0 to 1), or null
 */
public record Completion(
    long id,
    int attempt,
    Outcome outcome,
    Instant at,
    @Nullable Instant retryAt,
    @Nullable String error,
    @Nullable Double progress) {

  /** How an attempt ended. */
  public enum Outcome {
    /** Handler returned normally: SUCCEEDED. */
    SUCCEEDED,
    /** Handler failed and attempts remain: RETRYING until {@code retryAt}; the error is kept. */
    RETRY,
    /** Handler failed for the last time or non-retryably: DEAD; the error is kept. */
    DEAD,
    /** Handler stopped because the job was cancelled: CANCELLED. */
    CANCELLED,
    /**
     * Graceful shutdown handed the job back unfinished: AVAILABLE again at once, and the attempt
     * does not count against {@code maxAttempts}.
     */
    RELEASED
  }

  public Completion {
    if (outcome == Outcome.RETRY && retryAt == null) {
      throw new IllegalArgumentException("a RETRY completion needs retryAt");
    }
  }
}
