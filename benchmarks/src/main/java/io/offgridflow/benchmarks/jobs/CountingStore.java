package io.offgridflow.benchmarks.jobs;

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
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pass-through {@link JobStore} that counts the drain's claim and complete round trips and the jobs
 * they carried, so the benchmark shows batch sizes next to the rate (the Worker's cost is mostly
 * round trips, and these say how many it made).
 */
final class CountingStore implements JobStore {
  private final JobStore delegate;
  private final LongAdder claims = new LongAdder();
  private final LongAdder claimed = new LongAdder();
  private final LongAdder claimNanos = new LongAdder();
  private final LongAdder completes = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder completeNanos = new LongAdder();

  CountingStore(JobStore delegate) {
    this.delegate = delegate;
  }

  String summary() {
    long c = Math.max(1, claims.sum());
    long k = Math.max(1, completes.sum());
    return String.format(Locale.ROOT, "%d claims of %.0f jobs avg, %.1f ms avg; %d completes of %.0f avg, %.1f ms avg",
        claims.sum(), claimed.sum() / (double) c, claimNanos.sum() / 1e6 / c,
        completes.sum(), completed.sum() / (double) k, completeNanos.sum() / 1e6 / k);
  }

  @Override
  public List<EnqueueOutcome> enqueue(List<NewJob> jobs) {
    return delegate.enqueue(jobs);
  }

  @Override
  public List<ClaimedJob> claim(ClaimRequest request) {
    long t0 = System.nanoTime();
    List<ClaimedJob> got = delegate.claim(request);
    claimNanos.add(System.nanoTime() - t0);
    claims.increment();
    claimed.add(got.size());
    return got;
  }

  @Override
  public HeartbeatResult heartbeat(String workerId, Map<Long, Integer> attempts, Instant leaseExpiresAt,
      Map<Long, Double> progress) {
    return delegate.heartbeat(workerId, attempts, leaseExpiresAt, progress);
  }

  @Override
  public Set<Long> complete(String workerId, List<Completion> completions) {
    long t0 = System.nanoTime();
    Set<Long> r = delegate.complete(workerId, completions);
    completeNanos.add(System.nanoTime() - t0);
    completes.increment();
    completed.add(completions.size());
    return r;
  }

  @Override
  public int rescueExpired(Instant now) {
    return delegate.rescueExpired(now);
  }

  @Override
  public boolean cancel(String tenantId, long id, Instant now) {
    return delegate.cancel(tenantId, id, now);
  }

  @Override
  public Optional<JobRecord> find(String tenantId, long id) {
    return delegate.find(tenantId, id);
  }

  @Override
  public List<JobRecord> query(JobQuery query) {
    return delegate.query(query);
  }

  @Override
  public long purge(Instant finishedBefore, Collection<JobStatus> statuses) {
    return delegate.purge(finishedBefore, statuses);
  }

  @Override
  public List<QueueStats> stats(Instant now) {
    return delegate.stats(now);
  }

  @Override
  public AutoCloseable onJobsAvailable(Runnable listener) {
    return delegate.onJobsAvailable(listener);
  }
}
