package io.offgridflow.jobs.spi;

import io.offgridflow.jobs.JobQuery;
import io.offgridflow.jobs.JobRecord;
import io.offgridflow.jobs.JobStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where jobs live. Implementations must be thread-safe and, when several JVMs share one store,
 * safe across them: a job is held by at most one lease at a time, and a completion or heartbeat
 * that quotes a lost lease (wrong worker or attempt) changes nothing.
 *
 * <p>Every method works in batches where the worker does, so one round trip claims or completes
 * many jobs; that, not per-job commits, is what lets a store drain tens of thousands of jobs a
 * second. Times are passed in (from the caller's {@link java.time.Clock}) so tests control them.
 *
 * <pre>{@code
 * JobStore store = new InMemoryJobStore();            // embedded default
 * JobStore durable = PostgresJobStore.builder()       // shared by every node
 *     .dataSource(ds).build();
 * }</pre>
 */
public interface JobStore {

  /**
   * Inserts jobs in one batch, in order. A job whose (tenant, unique key) already exists is not
   * inserted; its outcome carries the existing id. Outcomes are in input order.
   */
  List<EnqueueOutcome> enqueue(List<NewJob> jobs);

  /**
   * Atomically moves up to {@code request.limit()} claimable jobs to RUNNING under the worker's
   * lease, increments their attempt, sets started-at, and returns them. Concurrent claimers never
   * receive the same job. See {@link ClaimRequest} for order and tenant limits.
   */
  List<ClaimedJob> claim(ClaimRequest request);

  /**
   * Renews the leases this worker holds on {@code attempts} (job id to attempt number) until
   * {@code leaseExpiresAt}, records progress where given, and reports lost leases and requested
   * cancellations.
   */
  HeartbeatResult heartbeat(String workerId, Map<Long, Integer> attempts, Instant leaseExpiresAt,
      Map<Long, Double> progress);

  /**
   * Applies completions in one batch. Each applies only if the job is still RUNNING under this
   * worker and attempt; the others are ignored (their lease was lost) and returned.
   *
   * @return ids of completions that were not applied
   */
  Set<Long> complete(String workerId, List<Completion> completions);

  /**
   * Rescues RUNNING jobs whose lease expired before {@code now}: each gets an {@link
   * io.offgridflow.jobs.AttemptError} saying its lease expired, then becomes AVAILABLE at once, or
   * DEAD if it has used its last attempt. Any node may call this; each expired job is rescued once.
   *
   * @return the number of jobs rescued
   */
  int rescueExpired(Instant now);

  /**
   * Requests cancellation. A claimable job becomes CANCELLED at once; a RUNNING job is flagged and
   * its worker learns it on the next heartbeat. Final jobs are left alone.
   *
   * @return whether the job exists in this tenant and was not already final
   */
  boolean cancel(String tenantId, long id, Instant now);

  /** One job of one tenant. */
  Optional<JobRecord> find(String tenantId, long id);

  /** History query, newest first. */
  List<JobRecord> query(JobQuery query);

  /**
   * Deletes jobs in the given final statuses that finished before {@code finishedBefore}.
   *
   * @throws IllegalArgumentException if {@code statuses} holds a non-final status
   * @return the number deleted
   */
  long purge(Instant finishedBefore, Collection<JobStatus> statuses);

  /** Backlog per queue at {@code now}, for telemetry. */
  List<QueueStats> stats(Instant now);

  /**
   * Registers a callback run (on a store thread, quickly) when jobs may have become claimable —
   * after an enqueue, a retry release or a rescue, on any node where the store can tell (PostgreSQL
   * LISTEN/NOTIFY). Workers still poll as the fallback, so a store may never call it.
   *
   * @return a handle that unregisters the callback
   */
  AutoCloseable onJobsAvailable(Runnable listener);
}
