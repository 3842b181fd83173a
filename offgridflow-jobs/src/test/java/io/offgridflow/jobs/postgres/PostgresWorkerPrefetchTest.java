package io.offgridflow.jobs.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.jobs.Await;
import io.offgridflow.jobs.JobClient;
import io.offgridflow.jobs.JobRequest;
import io.offgridflow.jobs.RetryPolicy;
import io.offgridflow.jobs.Worker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Workers with prefetch on PostgreSQL: claims race on separate connections, some first attempts
 * fail, and one worker shuts down midway with a full buffer. Every job succeeds exactly once, and
 * the handed-back jobs did not use an attempt.
 */
class PostgresWorkerPrefetchTest {

  record Item(int n) {}

  @ParameterizedTest(name = "{0} workers x concurrency {1}, prefetch {2}")
  @CsvSource({"3, 2, 16", "2, 4, 0", "3, 1, 40"})
  void noJobIsLostOrRunTwice(int workerCount, int concurrency, int prefetch) throws Exception {
    int jobs = 600;
    try (PgTestDb db = PgTestDb.create("jobs_prefetch", 6 * workerCount + 4)) {
      PostgresJobStore store = db.store();
      JobClient client = JobClient.builder().store(store).build();
      Map<Integer, AtomicInteger> successes = new ConcurrentHashMap<>();
      RetryPolicy now = RetryPolicy.builder().initialDelay(Duration.ZERO).maxDelay(Duration.ZERO).build();
      List<Worker> workers = new ArrayList<>();
      try {
        for (int w = 0; w < workerCount; w++) {
          workers.add(Worker.builder().store(store).workerId("pf-" + w).concurrency(concurrency).prefetch(prefetch)
              .pollInterval(Duration.ofMillis(20)).retryPolicy(now)
              .handler("item", Item.class, (item, ctx) -> {
                if (ctx.attempt() == 1 && item.n() % 17 == 0) {
                  throw new IllegalStateException("planned failure of " + item.n());
                }
                successes.computeIfAbsent(item.n(), n -> new AtomicInteger()).incrementAndGet();
                Thread.sleep(item.n() % 3);
              })
              .build().start());
        }
        for (int from = 0; from < jobs; from += 100) {
          List<JobRequest> batch = new ArrayList<>();
          for (int i = from; i < from + 100; i++) {
            batch.add(JobRequest.builder("tenant-" + (i % 3), "item").payload(new Item(i)).build());
          }
          client.enqueueAll(batch);
          if (from == 300) {
            assertThat(workers.get(0).shutdown(Duration.ofSeconds(30))).isTrue();
          }
        }
        Await.until("all succeeded", () -> count(db, "SELECT count(*) FROM ogf_jobs WHERE status = 'succeeded'") == jobs,
            Duration.ofSeconds(60));
      } finally {
        workers.forEach(w -> w.shutdown(Duration.ofSeconds(10)));
        store.close();
      }
      assertThat(successes).hasSize(jobs);
      assertThat(successes.values()).allSatisfy(c -> assertThat(c.get()).isEqualTo(1));
      // Failed first attempts used two attempts; everything else one, however often it was handed back.
      assertThat(count(db, "SELECT count(*) FROM ogf_jobs WHERE attempt <> CASE WHEN (payload::jsonb->>'n')::int % 17 = 0"
          + " THEN 2 ELSE 1 END")).isZero();
    }
  }

  private static long count(PgTestDb db, String sql) {
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
