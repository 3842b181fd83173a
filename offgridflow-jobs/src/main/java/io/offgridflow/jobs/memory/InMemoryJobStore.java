package io.offgridflow.jobs.memory;

import io.offgridflow.jobs.AttemptError;
import io.offgridflow.jobs.JobQuery;
import io.offgridflow.jobs.JobRecord;
import io.offgridflow.jobs.JobStatus;
import io.offgridflow.jobs.spi.ClaimRequest;
import io.offgridflow.jobs.spi.ClaimedJob;
import io.offgridflow.jobs.spi.Completion;
import io.offgridflow.jobs.spi.EnqueueOutcome;
import io.offgridflow.jobs.spi.HeartbeatResult;
import io.offgridflow.jobs.spi.JobStore;
import io.offgridflow.jobs.spi.NewJob;
import io.offgridflow.jobs.spi.QueueStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default {@link JobStore}: jobs live in this JVM's heap and die with it. Right for
 * tests, notebooks, the CLI and single-node hosts that can afford to lose queued work on a restart;
 * use the PostgreSQL store when jobs must survive a crash or be shared by several nodes.
 *
 * <p>One lock guards all state, so every operation is atomic; claims take the lock once per batch.
 * Finished jobs are kept (history) until {@link #purge purged}.
 *
 * <pre>{@code
 * JobStore store = new InMemoryJobStore();
 * JobClient client = JobClient.builder().store(store).build();
 * Worker worker = Worker.builder().store(store).handler("report.render", ReportRequest.class, renderer).build();
 * }</pre>
 */
public final class InMemoryJobStore implements JobStore {
  private static final Logger LOG = LoggerFactory.getLogger(InMemoryJobStore.class);

  /** Claim order: priority, run-at, id. */
  private static final Comparator<Row> CLAIM_ORDER =
      Comparator.<Row>comparingInt(r -> r.priority).thenComparing(r -> r.runAt).thenComparingLong(r -> r.id);
  /** Waiting jobs by when they become due. */
  private static final Comparator<Row> DUE_ORDER =
      Comparator.<Row, Instant>comparing(r -> r.runAt).thenComparingLong(r -> r.id);

  private final Object lock = new Object();
  private final Map<Long, Row> rows = new HashMap<>();
  private final Map<String, TreeMap<Long, Row>> byTenant = new HashMap<>();
  /** Claimable rows whose run-at had come when last looked at. Keys must not change while in. */
  private final TreeSet<Row> ready = new TreeSet<>(CLAIM_ORDER);
  /** Claimable rows whose run-at had not come; moved to {@link #ready} as time passes. */
  private final TreeSet<Row> waiting = new TreeSet<>(DUE_ORDER);
  private final Map<Long, Row> running = new HashMap<>();
  private final Map<String, Integer> runningByTenant = new HashMap<>();
  private final Map<String, Map<String, Long>> uniqueKeys = new HashMap<>();
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private long nextId = 1;

  /** An empty store. */
  public InMemoryJobStore() {}

  @Override
  public List<EnqueueOutcome> enqueue(List<NewJob> jobs) {
    List<EnqueueOutcome> out = new ArrayList<>(jobs.size());
    boolean inserted = false;
    synchronized (lock) {
      for (NewJob j : jobs) {
        validate(j);
        if (j.uniqueKey() != null) {
          Long existing = uniqueKeys.getOrDefault(j.tenantId(), Map.of()).get(j.uniqueKey());
          if (existing != null) {
            out.add(new EnqueueOutcome(existing, false));
            continue;
          }
        }
        Row r = new Row(nextId++, j);
        rows.put(r.id, r);
        byTenant.computeIfAbsent(r.tenantId, t -> new TreeMap<>()).put(r.id, r);
        if (r.uniqueKey != null) {
          uniqueKeys.computeIfAbsent(r.tenantId, t -> new HashMap<>()).put(r.uniqueKey, r.id);
        }
        waiting.add(r);
        out.add(new EnqueueOutcome(r.id, true));
        inserted = true;
      }
    }
    if (inserted) {
      notifyListeners();
    }
    return out;
  }

  private static void validate(NewJob j) {
    if (j.maxAttempts() < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + j.maxAttempts()
          + " for job type " + j.type());
    }
  }

  @Override
  public List<ClaimedJob> claim(ClaimRequest request) {
    Instant now = request.now();
    Instant leaseEnd = now.plus(request.lease());
    List<ClaimedJob> out = new ArrayList<>(Math.min(request.limit(), 256));
    synchronized (lock) {
      promoteDue(now);
      Map<String, Integer> taken = new HashMap<>();
      Iterator<Row> it = ready.iterator();
      while (it.hasNext() && out.size() < request.limit()) {
        Row r = it.next();
        if (r.runAt.isAfter(now) || !request.queues().contains(r.queue) || !request.types().contains(r.type)) {
          continue;
        }
        int held = runningByTenant.getOrDefault(r.tenantId, 0) + taken.getOrDefault(r.tenantId, 0);
        if (held >= request.limitFor(r.tenantId)) {
          continue;
        }
        it.remove();
        taken.merge(r.tenantId, 1, Integer::sum);
        r.status = JobStatus.RUNNING;
        r.attempt++;
        r.startedAt = now;
        r.leaseOwner = request.workerId();
        r.leaseExpiresAt = leaseEnd;
        r.cancelRequested = false;
        running.put(r.id, r);
        out.add(new ClaimedJob(r.id, r.tenantId, r.type, r.queue, r.payload, r.attempt, r.maxAttempts, r.timeout,
            r.runAt, leaseEnd));
      }
      taken.forEach((tenant, n) -> runningByTenant.merge(tenant, n, Integer::sum));
    }
    return out;
  }

  /** Moves waiting rows whose run-at has come into the ready set. Caller holds the lock. */
  private void promoteDue(Instant now) {
    while (!waiting.isEmpty() && !waiting.first().runAt.isAfter(now)) {
      ready.add(waiting.pollFirst());
    }
  }

  @Override
  public HeartbeatResult heartbeat(String workerId, Map<Long, Integer> attempts, Instant leaseExpiresAt,
      Map<Long, Double> progress) {
    Set<Long> renewed = new HashSet<>();
    Set<Long> lost = new HashSet<>();
    Set<Long> cancel = new HashSet<>();
    synchronized (lock) {
      attempts.forEach((id, attempt) -> {
        Row r = running.get(id);
        if (r == null || !workerId.equals(r.leaseOwner) || r.attempt != attempt) {
          lost.add(id);
          return;
        }
        r.leaseExpiresAt = leaseExpiresAt;
        Double p = progress.get(id);
        if (p != null) {
          r.progress = p;
        }
        renewed.add(id);
        if (r.cancelRequested) {
          cancel.add(id);
        }
      });
    }
    return new HeartbeatResult(renewed, lost, cancel);
  }

  @Override
  public Set<Long> complete(String workerId, List<Completion> completions) {
    Set<Long> rejected = new HashSet<>();
    boolean released = false;
    synchronized (lock) {
      for (Completion c : completions) {
        Row r = running.get(c.id());
        if (r == null || !workerId.equals(r.leaseOwner) || r.attempt != c.attempt()) {
          rejected.add(c.id());
          continue;
        }
        stopRunning(r);
        if (c.progress() != null) {
          r.progress = c.progress();
        }
        switch (c.outcome()) {
          case SUCCEEDED -> finish(r, JobStatus.SUCCEEDED, c.at());
          case DEAD -> {
            r.addError(c.attempt(), c.at(), workerId, c.error());
            finish(r, JobStatus.DEAD, c.at());
          }
          case CANCELLED -> {
            if (c.error() != null) {
              r.addError(c.attempt(), c.at(), workerId, c.error());
            }
            finish(r, JobStatus.CANCELLED, c.at());
          }
          case RETRY -> {
            r.addError(c.attempt(), c.at(), workerId, c.error());
            r.status = JobStatus.RETRYING;
            r.runAt = c.retryAt();
            waiting.add(r);
          }
          case RELEASED -> {
            // A shutdown handed it back: the attempt never really ran to an end, so it is given back.
            r.attempt--;
            r.status = JobStatus.AVAILABLE;
            waiting.add(r);
            released = true;
          }
        }
      }
    }
    if (released) {
      notifyListeners();
    }
    return rejected;
  }

  /** Takes a row out of the running set and clears its lease. Caller holds the lock. */
  private void stopRunning(Row r) {
    running.remove(r.id);
    runningByTenant.computeIfPresent(r.tenantId, (t, n) -> n > 1 ? n - 1 : null);
    r.leaseOwner = null;
    r.leaseExpiresAt = null;
  }

  private static void finish(Row r, JobStatus status, Instant at) {
    r.status = status;
    r.finishedAt = at;
    r.cancelRequested = false;
  }

  @Override
  public int rescueExpired(Instant now) {
    int rescued = 0;
    synchronized (lock) {
      List<Row> expired = new ArrayList<>();
      for (Row r : running.values()) {
        if (r.leaseExpiresAt != null && r.leaseExpiresAt.isBefore(now)) {
          expired.add(r);
        }
      }
      for (Row r : expired) {
        String owner = r.leaseOwner;
        Instant expiredAt = r.leaseExpiresAt;
        stopRunning(r);
        r.addError(r.attempt, now, owner == null ? "unknown" : owner,
            "lease expired at " + expiredAt + " without a heartbeat (worker stopped or lost the store)");
        if (r.attempt >= r.maxAttempts) {
          finish(r, JobStatus.DEAD, now);
        } else {
          r.status = JobStatus.AVAILABLE;
          waiting.add(r);
        }
        rescued++;
      }
    }
    if (rescued > 0) {
      notifyListeners();
    }
    return rescued;
  }

  @Override
  public boolean cancel(String tenantId, long id, Instant now) {
    synchronized (lock) {
      Row r = rows.get(id);
      if (r == null || !r.tenantId.equals(tenantId) || r.status.isFinal()) {
        return false;
      }
      if (r.status == JobStatus.RUNNING) {
        r.cancelRequested = true;
      } else {
        // Remove before the status changes: both sets may hold it, by the keys it has now.
        ready.remove(r);
        waiting.remove(r);
        finish(r, JobStatus.CANCELLED, now);
      }
      return true;
    }
  }

  @Override
  public Optional<JobRecord> find(String tenantId, long id) {
    synchronized (lock) {
      Row r = rows.get(id);
      return r == null || !r.tenantId.equals(tenantId) ? Optional.empty() : Optional.of(r.toRecord());
    }
  }

  @Override
  public List<JobRecord> query(JobQuery q) {
    List<Row> matches = new ArrayList<>();
    synchronized (lock) {
      TreeMap<Long, Row> tenantRows = byTenant.get(q.tenantId());
      if (tenantRows == null) {
        return List.of();
      }
      for (Row r : tenantRows.values()) {
        if ((q.type() == null || q.type().equals(r.type))
            && (q.statuses().isEmpty() || q.statuses().contains(r.status))
            && (q.createdAfter() == null || !r.createdAt.isBefore(q.createdAfter()))
            && (q.createdBefore() == null || r.createdAt.isBefore(q.createdBefore()))) {
          matches.add(r);
        }
      }
      matches.sort(Comparator.<Row, Instant>comparing(r -> r.createdAt).thenComparingLong(r -> r.id).reversed());
      List<JobRecord> out = new ArrayList<>(Math.min(q.limit(), matches.size()));
      for (int i = 0; i < matches.size() && i < q.limit(); i++) {
        out.add(matches.get(i).toRecord());
      }
      return out;
    }
  }

  @Override
  public long purge(Instant finishedBefore, Collection<JobStatus> statuses) {
    for (JobStatus s : statuses) {
      if (!s.isFinal()) {
        throw new IllegalArgumentException("purge deletes only final statuses (SUCCEEDED, DEAD, CANCELLED), not " + s);
      }
    }
    long deleted = 0;
    synchronized (lock) {
      Iterator<Row> it = rows.values().iterator();
      while (it.hasNext()) {
        Row r = it.next();
        if (statuses.contains(r.status) && r.finishedAt != null && r.finishedAt.isBefore(finishedBefore)) {
          it.remove();
          TreeMap<Long, Row> tenantRows = byTenant.get(r.tenantId);
          tenantRows.remove(r.id);
          if (tenantRows.isEmpty()) {
            byTenant.remove(r.tenantId);
          }
          if (r.uniqueKey != null) {
            Map<String, Long> keys = uniqueKeys.get(r.tenantId);
            keys.remove(r.uniqueKey);
            if (keys.isEmpty()) {
              uniqueKeys.remove(r.tenantId);
            }
          }
          deleted++;
        }
      }
    }
    return deleted;
  }

  @Override
  public List<QueueStats> stats(Instant now) {
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Instant> oldest = new HashMap<>();
    synchronized (lock) {
      promoteDue(now);
      for (Row r : ready) {
        if (r.runAt.isAfter(now)) {
          continue;
        }
        counts.computeIfAbsent(r.queue, q -> new long[2])[0]++;
        oldest.merge(r.queue, r.runAt, (a, b) -> a.isBefore(b) ? a : b);
      }
      for (Row r : running.values()) {
        counts.computeIfAbsent(r.queue, q -> new long[2])[1]++;
      }
    }
    List<QueueStats> out = new ArrayList<>(counts.size());
    counts.forEach((queue, c) -> {
      Instant first = oldest.get(queue);
      Duration lag = first == null || !first.isBefore(now) ? Duration.ZERO : Duration.between(first, now);
      out.add(new QueueStats(queue, c[0], c[1], lag));
    });
    return out;
  }

  @Override
  public AutoCloseable onJobsAvailable(Runnable listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  private void notifyListeners() {
    for (Runnable l : listeners) {
      try {
        l.run();
      } catch (RuntimeException e) {
        // A broken listener must not fail the enqueue that already happened; workers still poll.
        LOG.warn("jobs-available listener {} failed", l, e);
      }
    }
  }

  /** Mutable state of one job; only touched under the store's lock. */
  private static final class Row {
    final long id;
    final String tenantId;
    final String type;
    final String queue;
    final String payload;
    final int priority;
    final int maxAttempts;
    final Duration timeout;
    final Instant createdAt;
    final @Nullable String uniqueKey;
    JobStatus status;
    Instant runAt;
    int attempt;
    @Nullable Instant startedAt;
    @Nullable Instant finishedAt;
    @Nullable String leaseOwner;
    @Nullable Instant leaseExpiresAt;
    @Nullable Double progress;
    boolean cancelRequested;
    List<AttemptError> errors = List.of();

    Row(long id, NewJob j) {
      this.id = id;
      this.tenantId = j.tenantId();
      this.type = j.type();
      this.queue = j.queue();
      this.payload = j.payload();
      this.priority = j.priority();
      this.maxAttempts = j.maxAttempts();
      this.timeout = j.timeout();
      this.createdAt = j.createdAt();
      this.uniqueKey = j.uniqueKey();
      this.runAt = j.runAt();
      this.status = j.runAt().isAfter(j.createdAt()) ? JobStatus.SCHEDULED : JobStatus.AVAILABLE;
    }

    void addError(int attempt, Instant at, String workerId, @Nullable String message) {
      List<AttemptError> next = new ArrayList<>(errors.size() + 1);
      next.addAll(errors);
      next.add(new AttemptError(attempt, at, workerId, message == null ? "(no message)" : message));
      errors = List.copyOf(next);
    }

    JobRecord toRecord() {
      return new JobRecord(id, tenantId, type, queue, payload, status, priority, attempt, maxAttempts, timeout, runAt,
          createdAt, startedAt, finishedAt, uniqueKey, leaseOwner, leaseExpiresAt, progress, errors);
    }
  }
}
