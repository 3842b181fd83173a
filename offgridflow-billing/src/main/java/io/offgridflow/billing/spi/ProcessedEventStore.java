package io.offgridflow.billing.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers which webhook events were applied, so a redelivered event is applied once. The webhook
 * handler claims an event before applying it (insert-first, under a unique constraint on the event
 * id), marks it applied afterwards, and releases the claim when applying fails so that Stripe's
 * retry applies it. A claim older than the claim timeout is taken over: its holder crashed.
 * Bundled: {@code InMemoryProcessedEventStore}, {@code PostgresProcessedEventStore}; contract:
 * {@code ProcessedEventStoreContract} in the test jar.
 *
 * <pre>{@code
 * if (events.claim(id, type, now, Duration.ofMinutes(5)) == ClaimResult.CLAIMED) {
 *   apply(event);
 *   events.markApplied(id, clock.instant());
 * }
 * }</pre>
 */
public interface ProcessedEventStore {
  /** Claims {@code eventId} for applying; exactly one concurrent caller gets {@link ClaimResult#CLAIMED}. */
  ClaimResult claim(String eventId, String eventType, Instant now, Duration claimTimeout);

  /** Records that the claimed event was applied; later claims answer {@link ClaimResult#ALREADY_APPLIED}. */
  void markApplied(String eventId, Instant appliedAt);

  /** Drops an unfinished claim so the event can be claimed again; an applied event is left as it is. */
  void release(String eventId);

  Optional<ProcessedEvent> find(String eventId);

  /** Forgets applied events applied before {@code cutoff} (Stripe stops redelivering after 3 days). */
  int purgeAppliedBefore(Instant cutoff);

  /** The answer to a {@link #claim}. */
  enum ClaimResult {
    /** The caller holds the event and must apply it, then mark it applied or release it. */
    CLAIMED,
    /** The event was applied before: acknowledge it and do nothing. */
    ALREADY_APPLIED,
    /** Another caller holds a live claim: ask the sender to try again later. */
    IN_PROGRESS
  }

  /**
   * A remembered event.
   *
   * @param eventId Stripe's event id
   * @param eventType the event type
   * @param claimedAt when the current claim was taken
   * @param appliedAt when it was applied, absent while only claimed
   */
  record ProcessedEvent(String eventId, String eventType, Instant claimedAt, Optional<Instant> appliedAt) {}
}
