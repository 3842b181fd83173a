package io.offgridflow.billing.store;

import io.offgridflow.billing.spi.ProcessedEventStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded {@link ProcessedEventStore}: event ids in a {@link ConcurrentHashMap}, claims
 * decided atomically by {@code compute}. Forgotten when the JVM stops.
 *
 * <pre>{@code
 * ProcessedEventStore events = new InMemoryProcessedEventStore();
 * }</pre>
 */
public final class InMemoryProcessedEventStore implements ProcessedEventStore {
  private final ConcurrentHashMap<String, ProcessedEvent> events = new ConcurrentHashMap<>();

  @Override
  public ClaimResult claim(String eventId, String eventType, Instant now, Duration claimTimeout) {
    ClaimResult[] result = new ClaimResult[1];
    events.compute(eventId, (id, existing) -> {
      if (existing == null) {
        result[0] = ClaimResult.CLAIMED;
        return new ProcessedEvent(id, eventType, now, Optional.empty());
      }
      if (existing.appliedAt().isPresent()) {
        result[0] = ClaimResult.ALREADY_APPLIED;
        return existing;
      }
      if (existing.claimedAt().isBefore(now.minus(claimTimeout))) {
        result[0] = ClaimResult.CLAIMED;
        return new ProcessedEvent(id, eventType, now, Optional.empty());
      }
      result[0] = ClaimResult.IN_PROGRESS;
      return existing;
    });
    return result[0];
  }

  @Override
  public void markApplied(String eventId, Instant appliedAt) {
    events.computeIfPresent(eventId, (id, e) -> e.appliedAt().isPresent() ? e
        : new ProcessedEvent(id, e.eventType(), e.claimedAt(), Optional.of(appliedAt)));
  }

  @Override
  public void release(String eventId) {
    events.computeIfPresent(eventId, (id, e) -> e.appliedAt().isPresent() ? e : null);
  }

  @Override
  public Optional<ProcessedEvent> find(String eventId) {
    return Optional.ofNullable(events.get(eventId));
  }

  @Override
  public int purgeAppliedBefore(Instant cutoff) {
    int[] purged = new int[1];
    events.values().removeIf(e -> {
      boolean old = e.appliedAt().map(at -> at.isBefore(cutoff)).orElse(false);
      if (old) {
        purged[0]++;
      }
      return old;
    });
    return purged[0];
  }
}
