package io.offgridflow.billing.store;

import io.offgridflow.billing.UsageRecord;
import io.offgridflow.billing.spi.UsageOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The embedded {@link UsageOutbox}. Not durable: usage pending when the JVM stops is lost, so
 * production hosts that meter usage use {@code PostgresUsageOutbox} or their own durable store.
 *
 * <pre>{@code
 * UsageOutbox outbox = new InMemoryUsageOutbox();
 * }</pre>
 */
public final class InMemoryUsageOutbox implements UsageOutbox {
  private final Map<String, UsageRecord> pending = new LinkedHashMap<>();
  private final Map<String, RejectedUsage> rejected = new LinkedHashMap<>();
  private final Set<String> sent = new HashSet<>();

  @Override
  public synchronized boolean append(UsageRecord record) {
    String id = record.identifier();
    if (pending.containsKey(id) || rejected.containsKey(id) || sent.contains(id)) {
      return false;
    }
    pending.put(id, record);
    return true;
  }

  @Override
  public synchronized List<UsageRecord> pending(int max) {
    List<UsageRecord> all = new ArrayList<>(pending.values());
    all.sort(Comparator.comparing(UsageRecord::timestamp).thenComparing(UsageRecord::identifier));
    return List.copyOf(all.subList(0, Math.min(max, all.size())));
  }

  @Override
  public synchronized void markSent(Collection<String> identifiers, Instant sentAt) {
    for (String id : identifiers) {
      if (pending.remove(id) != null) {
        sent.add(id);
      }
    }
  }

  @Override
  public synchronized void markRejected(String identifier, String reason, Instant rejectedAt) {
    UsageRecord record = pending.remove(identifier);
    if (record != null) {
      rejected.put(identifier, new RejectedUsage(record, reason));
    }
  }

  @Override
  public synchronized long pendingCount() {
    return pending.size();
  }

  @Override
  public synchronized List<RejectedUsage> rejected(int max) {
    return List.copyOf(new ArrayList<>(rejected.values()).subList(0, Math.min(max, rejected.size())));
  }
}
