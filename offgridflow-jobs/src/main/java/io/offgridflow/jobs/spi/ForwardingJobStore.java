package io.offgridflow.jobs.spi;

import io.offgridflow.jobs.JobQuery;
import io.offgridflow.jobs.JobRecord;
import io.offgridflow.jobs.JobStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link JobStore} that passes every call to another: extend it and override the calls to
 * decorate (count, time, fail on purpose, ...), calling {@code super} for the real work.
 *
 * <pre>{@code
 * JobStore counted = new ForwardingJobStore(store) {
 *   @Override
 *   public List<ClaimedJob> claim(ClaimRequest request) {
 *     claims.increment();
 *     return super.claim(request);
 *   }
 * };
 * }</pre>
 */
public abstract class ForwardingJobStore implements JobStore {
  private final JobStore delegate;

  protected ForwardingJobStore(JobStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public List<EnqueueOutcome> enqueue(List<NewJob> jobs) {
    return delegate.enqueue(jobs);
  }

  @Override
  public List<ClaimedJob> claim(ClaimRequest request) {
    return delegate.claim(request);
  }

  @Override
  public HeartbeatResult heartbeat(String workerId, Map<Long, Integer> attempts, Instant leaseExpiresAt,
      Map<Long, Double> progress) {
    return delegate.heartbeat(workerId, attempts, leaseExpiresAt, progress);
  }

  @Override
  public Set<Long> complete(String workerId, List<Completion> completions) {
    return delegate.complete(workerId, completions);
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
