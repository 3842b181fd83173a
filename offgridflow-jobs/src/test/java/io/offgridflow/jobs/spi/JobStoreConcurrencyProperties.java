package io.offgridflow.jobs.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.jobs.JobQuery;
import io.offgridflow.jobs.JobRecord;
import io.offgridflow.jobs.JobStatus;
import io.offgridflow.jobs.spi.Completion.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Property: however many workers claim concurrently, with whatever batch sizes, and however many
 * of them abandon jobs mid-run (a crash, seen by the store as an expiring lease), no job is ever
 * held by two leases at once and every job succeeds exactly once.
 *
 * <p>A jqwik container, separate from {@link JobStoreContract} because jqwik does not run JUnit's
 * lifecycle callbacks: each try calls {@link #newStore()} itself. Time is a shared logical clock
 * that only the rescuer moves, so leases expire by the property's choice, not the machine's speed.
 *
 * <pre>{@code
 * class MyStoreProperties extends JobStoreConcurrencyProperties {
 *   @Override protected JobStore newStore() { return new MyStore(freshDatabase()); }
 * }
 * }</pre>
 */
public abstract class JobStoreConcurrencyProperties {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);

  /** A fresh, empty store; called once per try. */
  protected abstract JobStore newStore();

  @Property(tries = 30)
  void noJobIsHeldByTwoLeasesAndEveryJobSucceedsOnce(
      @ForAll @IntRange(min = 1, max = 4) int workers,
      @ForAll @IntRange(min = 1, max = 25) int batchSize,
      @ForAll @IntRange(min = 1, max = 150) int jobCount,
      @ForAll @IntRange(min = 0, max = 30) int abandonPercent,
      @ForAll long seed) throws Exception {
    JobStore store = newStore();
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < jobCount; i++) {
      jobs.add(new NewJob("tenant-" + (i % 3), "t", "default", "{}", T0, i % 5, 1_000,
          Duration.ofMinutes(1), null, T0));
    }
    List<Long> ids = store.enqueue(jobs).stream().map(EnqueueOutcome::id).toList();

    AtomicLong clockMillis = new AtomicLong(T0.toEpochMilli());
    AtomicBoolean stop = new AtomicBoolean();
    // (id, attempt) -> worker: a lease is identified by both; each must be handed out once.
    Map<String, String> leases = new ConcurrentHashMap<>();
    Map<Long, Integer> successes = new ConcurrentHashMap<>();
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(workers + 1);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        String worker = "w" + w;
        Random random = new Random(seed + w);
        futures.add(pool.submit(() -> {
          go.await();
          while (!stop.get()) {
            Instant now = Instant.ofEpochMilli(clockMillis.get());
            List<ClaimedJob> got = store.claim(new ClaimRequest(worker, Set.of("default"), Set.of("t"),
                batchSize, now, LEASE, Integer.MAX_VALUE, Map.of()));
            List<Completion> completions = new ArrayList<>();
            for (ClaimedJob c : got) {
              String previous = leases.putIfAbsent(c.id() + "#" + c.attempt(), worker);
              if (previous != null) {
                violations.add("job " + c.id() + " attempt " + c.attempt() + " held by " + previous + " and " + worker);
              }
              if (random.nextInt(100) >= abandonPercent) {
                completions.add(new Completion(c.id(), c.attempt(), Outcome.SUCCEEDED, now, null, null, null));
              }
            }
            if (!completions.isEmpty()) {
              Set<Long> rejected = store.complete(worker, completions);
              for (Completion c : completions) {
                if (!rejected.contains(c.id())) {
                  successes.merge(c.id(), 1, Integer::sum);
                }
              }
            }
            if (got.isEmpty()) {
              Thread.onSpinWait();
            }
          }
          return null;
        }));
      }
      futures.add(pool.submit(() -> {
        go.await();
        while (!stop.get()) {
          if (successes.size() == jobCount) {
            stop.set(true);
            break;
          }
          // Every abandoned job's lease runs out; so may a live one's, whose completion is then refused.
          Thread.sleep(1);
          store.rescueExpired(Instant.ofEpochMilli(clockMillis.addAndGet(LEASE.toMillis() + 1)));
        }
        return null;
      }));
      go.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }

    assertThat(violations).isEmpty();
    assertThat(successes.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(successes.values()).allMatch(n -> n == 1);
    for (int t = 0; t < 3; t++) {
      List<JobRecord> records = store.query(JobQuery.forTenant("tenant-" + t).limit(10_000).build());
      assertThat(records).allMatch(r -> r.status() == JobStatus.SUCCEEDED);
    }
  }
}
