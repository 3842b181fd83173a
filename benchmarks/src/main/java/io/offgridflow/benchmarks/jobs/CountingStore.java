package io.offgridflow.benchmarks.jobs;

import io.offgridflow.jobs.spi.ClaimRequest;
import io.offgridflow.jobs.spi.ClaimedJob;
import io.offgridflow.jobs.spi.Completion;
import io.offgridflow.jobs.spi.ForwardingJobStore;
import io.offgridflow.jobs.spi.JobStore;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pass-through {@link JobStore} ({@link ForwardingJobStore}) that counts the drain's claim and complete round trips and the jobs
 * they carried, so the benchmark shows batch sizes next to the rate (the Worker's cost is mostly
 * round trips, and these say how many it made).
 */
final class CountingStore extends ForwardingJobStore {
  private final LongAdder claims = new LongAdder();
  private final LongAdder claimed = new LongAdder();
  private final LongAdder claimNanos = new LongAdder();
  private final LongAdder completes = new LongAdder();
  private final LongAdder completed = new LongAdder();
  private final LongAdder completeNanos = new LongAdder();

  CountingStore(JobStore delegate) {
    super(delegate);
  }

  String summary() {
    long c = Math.max(1, claims.sum());
    long k = Math.max(1, completes.sum());
    return String.format(Locale.ROOT, "%d claims of %.0f jobs avg, %.1f ms avg; %d completes of %.0f avg, %.1f ms avg",
        claims.sum(), claimed.sum() / (double) c, claimNanos.sum() / 1e6 / c,
        completes.sum(), completed.sum() / (double) k, completeNanos.sum() / 1e6 / k);
  }

  @Override
  public List<ClaimedJob> claim(ClaimRequest request) {
    long t0 = System.nanoTime();
    List<ClaimedJob> got = super.claim(request);
    claimNanos.add(System.nanoTime() - t0);
    claims.increment();
    claimed.add(got.size());
    return got;
  }

  @Override
  public Set<Long> complete(String workerId, List<Completion> completions) {
    long t0 = System.nanoTime();
    Set<Long> r = super.complete(workerId, completions);
    completeNanos.add(System.nanoTime() - t0);
    completes.increment();
    completed.add(completions.size());
    return r;
  }
}
