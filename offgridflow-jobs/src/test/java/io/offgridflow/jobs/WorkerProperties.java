package io.offgridflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.jobs.memory.InMemoryJobStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Property: whatever the number of workers, their concurrency and prefetch, the enqueue batch sizes and the
 * share of attempts that fail, and even when one worker shuts down gracefully midway, every job
 * succeeds and no handler completes the same job twice.
 */
class WorkerProperties {

  record Item(int n) {}

  @Property(tries = 12)
  void noJobIsLostOrRunTwice(
      @ForAll @IntRange(min = 1, max = 3) int workerCount,
      @ForAll @IntRange(min = 1, max = 8) int concurrency,
      @ForAll @IntRange(min = 0, max = 24) int prefetch,
      @ForAll @IntRange(min = 1, max = 200) int jobCount,
      @ForAll @IntRange(min = 1, max = 50) int batchSize,
      @ForAll @IntRange(min = 0, max = 30) int failPercent,
      @ForAll boolean stopOneMidway) {
    InMemoryJobStore store = new InMemoryJobStore();
    JobClient client = JobClient.builder().store(store).build();
    Map<Integer, AtomicInteger> successes = new ConcurrentHashMap<>();
    // Immediate retries: the property is about bookkeeping, not backoff.
    RetryPolicy now = RetryPolicy.builder().initialDelay(Duration.ZERO).maxDelay(Duration.ZERO).build();
    List<Worker> workers = new ArrayList<>();
    try {
      for (int w = 0; w < workerCount; w++) {
        workers.add(Worker.builder().store(store).clock(Clock.systemUTC()).workerId("w" + w)
            .concurrency(concurrency).prefetch(prefetch).pollInterval(Duration.ofMillis(5)).retryPolicy(now)
            .handler("item", Item.class, (item, ctx) -> {
              // Attempt 1 of some jobs fails, deterministically per job.
              if (ctx.attempt() == 1 && Math.floorMod(item.n() * 31, 100) < failPercent) {
                throw new IllegalStateException("planned failure of " + item.n());
              }
              successes.computeIfAbsent(item.n(), n -> new AtomicInteger()).incrementAndGet();
            })
            .build().start());
      }
      for (int from = 0; from < jobCount; from += batchSize) {
        List<JobRequest> batch = new ArrayList<>();
        for (int i = from; i < Math.min(jobCount, from + batchSize); i++) {
          batch.add(JobRequest.builder("tenant-" + (i % 4), "item").payload(new Item(i)).maxAttempts(5).build());
        }
        client.enqueueAll(batch);
        if (stopOneMidway && workers.size() > 1 && from >= jobCount / 2 && workers.get(0).isRunning()) {
          assertThat(workers.get(0).shutdown(Duration.ofSeconds(30))).isTrue();
        }
      }
      Await.until(() -> successes.size() + " of " + jobCount + " jobs succeeded", () -> {
        long done = 0;
        for (int t = 0; t < 4; t++) {
          done += client.query(JobQuery.forTenant("tenant-" + t).statuses(Set.of(JobStatus.SUCCEEDED))
              .limit(10_000).build()).size();
        }
        return done == jobCount;
      });
    } finally {
      workers.forEach(w -> w.shutdown(Duration.ofSeconds(10)));
    }
    assertThat(successes).hasSize(jobCount);
    assertThat(successes.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
  }
}
