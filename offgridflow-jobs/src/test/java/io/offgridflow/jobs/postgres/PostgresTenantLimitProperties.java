package io.offgridflow.jobs.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.jobs.spi.ClaimRequest;
import io.offgridflow.jobs.spi.ClaimedJob;
import io.offgridflow.jobs.spi.Completion;
import io.offgridflow.jobs.spi.Completion.Outcome;
import io.offgridflow.jobs.spi.EnqueueOutcome;
import io.offgridflow.jobs.spi.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import org.jspecify.annotations.Nullable;

/**
 * Concurrent claimers, each on its own pooled connection, with and without per-tenant limits: no
 * job is handed to two claimers, every job is claimed exactly once, and no tenant ever runs more
 * than its limit at the same moment — across claimers, which is what the advisory lock is for.
 */
class PostgresTenantLimitProperties {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static @Nullable PgTestDb db;

  private static synchronized PostgresJobStore freshStore() {
    closeDb();
    db = PgTestDb.create("jobs_tenants", 8);
    return db.store();
  }

  @AfterContainer
  static synchronized void closeDb() {
    if (db != null) {
      db.close();
      db = null;
    }
  }

  @Property(tries = 15)
  void everyJobIsClaimedOnceAndNoTenantExceedsItsLimit(
      @ForAll @IntRange(min = 2, max = 5) int claimers,
      @ForAll @IntRange(min = 1, max = 20) int batch,
      @ForAll @IntRange(min = 1, max = 300) int jobCount,
      @ForAll @IntRange(min = 1, max = 4) int tenants,
      @ForAll @IntRange(min = 0, max = 4) int defaultLimit) throws Exception {
    // defaultLimit 0 stands for "no limit": the plain claim path.
    int limit = defaultLimit == 0 ? Integer.MAX_VALUE : defaultLimit;
    Map<String, Integer> overrides = limit == Integer.MAX_VALUE ? Map.of() : Map.of("tenant-0", limit + 2);
    PostgresJobStore store = freshStore();
    List<NewJob> jobs = new ArrayList<>();
    for (int i = 0; i < jobCount; i++) {
      jobs.add(new NewJob("tenant-" + (i % tenants), "t", "default", "{}", T0, i % 3, 5,
          Duration.ofMinutes(1), null, T0));
    }
    List<Long> ids = store.enqueue(jobs).stream().map(EnqueueOutcome::id).toList();

    Map<Long, String> claimedBy = new ConcurrentHashMap<>();
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    Map<String, AtomicInteger> held = new ConcurrentHashMap<>();
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < claimers; w++) {
        String worker = "w" + w;
        fs.add(pool.submit(() -> {
          go.await();
          while (done.get() < jobCount) {
            List<ClaimedJob> got = store.claim(new ClaimRequest(worker, Set.of("default"), Set.of("t"), batch, T0,
                Duration.ofMinutes(5), limit, overrides));
            Map<String, Integer> mine = new HashMap<>();
            for (ClaimedJob c : got) {
              if (claimedBy.putIfAbsent(c.id(), worker) != null) {
                violations.add("job " + c.id() + " claimed by " + claimedBy.get(c.id()) + " and " + worker);
              }
              int now = held.computeIfAbsent(c.tenantId(), k -> new AtomicInteger()).incrementAndGet();
              int allowed = overrides.getOrDefault(c.tenantId(), limit);
              if (now > allowed) {
                violations.add(c.tenantId() + " ran " + now + " jobs at once, limit " + allowed);
              }
              mine.merge(c.tenantId(), 1, Integer::sum);
            }
            // Released from the books before the store frees the slot, so the count never over-reports.
            mine.forEach((t, n) -> held.get(t).addAndGet(-n));
            if (!got.isEmpty()) {
              List<Completion> cs = got.stream()
                  .map(c -> new Completion(c.id(), c.attempt(), Outcome.SUCCEEDED, T0, null, null, null)).toList();
              assertThat(store.complete(worker, cs)).isEmpty();
              done.addAndGet(got.size());
            } else {
              Thread.sleep(1);
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : fs) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(violations).isEmpty();
    assertThat(claimedBy.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(done.get()).isEqualTo(jobCount);
  }
}
