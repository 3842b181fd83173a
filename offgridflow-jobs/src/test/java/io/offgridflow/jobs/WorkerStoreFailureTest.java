package io.offgridflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.jobs.memory.InMemoryJobStore;
import io.offgridflow.jobs.spi.ClaimRequest;
import io.offgridflow.jobs.spi.ClaimedJob;
import io.offgridflow.jobs.spi.Completion;
import io.offgridflow.jobs.spi.HeartbeatResult;
import io.offgridflow.jobs.spi.ForwardingJobStore;
import io.offgridflow.jobs.spi.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A store that fails often (an unreliable network): the worker retries and loses nothing. */
class WorkerStoreFailureTest {

  record Item(int n) {}

  /** Fails every n-th claim, completion and heartbeat before it reaches the real store. */
  static final class FlakyStore extends ForwardingJobStore {
    final AtomicInteger claims = new AtomicInteger();
    final AtomicInteger completes = new AtomicInteger();
    final AtomicInteger heartbeats = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();

    FlakyStore(JobStore delegate) {
      super(delegate);
    }

    private void maybeFail(AtomicInteger calls, int every, String what) {
      if (calls.incrementAndGet() % every == 0) {
        failures.incrementAndGet();
        throw new JobException(JobsErrorCode.STORE_FAILURE, "simulated " + what + " failure");
      }
    }

    @Override
    public List<ClaimedJob> claim(ClaimRequest request) {
      maybeFail(claims, 4, "claim");
      return super.claim(request);
    }

    @Override
    public HeartbeatResult heartbeat(String workerId, Map<Long, Integer> attempts, Instant leaseExpiresAt,
        Map<Long, Double> progress) {
      maybeFail(heartbeats, 2, "heartbeat");
      return super.heartbeat(workerId, attempts, leaseExpiresAt, progress);
    }

    @Override
    public Set<Long> complete(String workerId, List<Completion> completions) {
      maybeFail(completes, 3, "complete");
      return super.complete(workerId, completions);
    }
  }

  @Test
  void failingClaimsCompletionsAndHeartbeatsAreRetriedAndEveryJobRunsOnce() {
    FlakyStore store = new FlakyStore(new InMemoryJobStore());
    JobClient client = JobClient.builder().store(store).build();
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      requests.add(JobRequest.builder("acme", "item").payload(new Item(i)).build());
    }
    client.enqueueAll(requests);
    Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
    Worker w = Worker.builder().store(store).concurrency(4).pollInterval(Duration.ofMillis(5))
        .leaseDuration(Duration.ofSeconds(60)).heartbeatInterval(Duration.ofMillis(10))
        .handler("item", Item.class, (item, ctx) -> {
          runs.computeIfAbsent(item.n(), n -> new AtomicInteger()).incrementAndGet();
          Thread.sleep(1);
        })
        .build().start();
    try {
      Await.until("all succeeded", () -> client.query(JobQuery.forTenant("acme")
          .statuses(Set.of(JobStatus.SUCCEEDED)).limit(10_000).build()).size() == 200);
    } finally {
      assertThat(w.shutdown(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(store.failures.get()).isGreaterThan(10);
    assertThat(runs).hasSize(200);
    assertThat(runs.values()).allMatch(c -> c.get() == 1);
  }
}
