package io.offgridflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.jobs.memory.InMemoryJobStore;
import io.offgridflow.jobs.spi.ClaimRequest;
import io.offgridflow.jobs.spi.CompleteAndClaim;
import io.offgridflow.jobs.spi.Completion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store thread's round trips: completions ride along with claims ({@link
 * io.offgridflow.jobs.spi.JobStore#completeAndClaim}) and every completion is stored exactly once.
 */
class WorkerRoundTripTest {
  record Item(int n) {}

  /** Counts the completions stored and the combined calls that carried some. */
  static final class CountingStore extends ForwardingJobStore {
    final AtomicInteger combinedWithCompletions = new AtomicInteger();
    final AtomicLong completionsStored = new AtomicLong();
    final Set<Long> completedIds = ConcurrentHashMap.newKeySet();
    final AtomicInteger completedTwice = new AtomicInteger();

    CountingStore() {
      super(new InMemoryJobStore());
    }

    @Override
    public Set<Long> complete(String workerId, List<Completion> completions) {
      completionsStored.addAndGet(completions.size());
      for (Completion c : completions) {
        if (!completedIds.add(c.id())) {
          completedTwice.incrementAndGet();
        }
      }
      return delegate.complete(workerId, completions);
    }

    @Override
    public CompleteAndClaim completeAndClaim(String workerId, List<Completion> completions, ClaimRequest request) {
      if (!completions.isEmpty()) {
        combinedWithCompletions.incrementAndGet();
      }
      // The interface's default calls this store's complete() and claim(), which do the counting.
      return super.completeAndClaim(workerId, completions, request);
    }
  }

  final CountingStore store = new CountingStore();
  final JobClient client = JobClient.builder().store(store).build();
  final List<Worker> workers = new ArrayList<>();

  @AfterEach
  void stop() {
    workers.forEach(w -> w.shutdown(Duration.ofSeconds(5)));
  }

  @Test
  void completionsRideAlongWithClaimsAndEachIsStoredOnce() {
    int jobs = 400;
    List<JobRequest> requests = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      requests.add(JobRequest.builder("acme", "item").payload(new Item(i)).build());
    }
    client.enqueueAll(requests);
    Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
    workers.add(Worker.builder().store(store).concurrency(4).prefetch(16).pollInterval(Duration.ofMillis(20))
        .handler("item", Item.class, (item, ctx) -> {
          runs.computeIfAbsent(item.n(), n -> new AtomicInteger()).incrementAndGet();
          Thread.sleep(1); // long enough for finished attempts to meet the next claim
        })
        .build().start());

    Await.until("every job succeeded",
        () -> client.query(JobQuery.forTenant("acme").statuses(Set.of(JobStatus.SUCCEEDED)).limit(10_000).build())
            .size() == jobs);

    assertThat(runs).hasSize(jobs);
    assertThat(runs.values()).allMatch(n -> n.get() == 1);
    assertThat(store.completedTwice).as("no completion stored twice").hasValue(0);
    assertThat(store.completionsStored).as("every completion stored once").hasValue(jobs);
    assertThat(store.combinedWithCompletions.get()).as("claims that carried completions").isPositive();
  }
}
