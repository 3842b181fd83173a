package io.offgridflow.billing.spi;

import io.offgridflow.billing.UsageRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The local, durable queue of metered usage waiting to be sent as meter events. Usage is written
 * here first, in the host's own request, and a flusher sends it in batches; when the gateway is
 * down records simply stay pending. Bundled: {@code InMemoryUsageOutbox}, {@code PostgresUsageOutbox};
 * contract: {@code UsageOutboxContract} in the test jar.
 *
 * <pre>{@code
 * outbox.append(new UsageRecord(id, "acme", "activity_rows", 1200, clock.instant()));
 * List<UsageRecord> batch = outbox.pending(100);
 * }</pre>
 */
public interface UsageOutbox {
  /** Adds a record; returns false (and changes nothing) when its identifier is already present. */
  boolean append(UsageRecord record);

  /** Up to {@code max} records neither sent nor rejected, oldest timestamp first. */
  List<UsageRecord> pending(int max);

  /** Marks records as accepted by the gateway; they are never returned by {@link #pending} again. */
  void markSent(Collection<String> identifiers, Instant sentAt);

  /** Parks a record the gateway refused for good (e.g. unknown meter), keeping the reason. */
  void markRejected(String identifier, String reason, Instant rejectedAt);

  long pendingCount();

  /** Records that were rejected, with their reasons, oldest first, for an operator to inspect. */
  List<RejectedUsage> rejected(int max);

  /**
   * A record the gateway refused.
   *
   * @param record the usage
   * @param reason the gateway's reason
   */
  record RejectedUsage(UsageRecord record, String reason) {}
}
