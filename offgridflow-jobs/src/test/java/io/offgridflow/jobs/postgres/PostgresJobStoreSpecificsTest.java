package io.offgridflow.jobs.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.jobs.JobStatus;
import io.offgridflow.jobs.spi.ClaimRequest;
import io.offgridflow.jobs.spi.ClaimedJob;
import io.offgridflow.jobs.spi.Completion;
import io.offgridflow.jobs.spi.Completion.Outcome;
import io.offgridflow.jobs.spi.EnqueueOutcome;
import io.offgridflow.jobs.spi.NewJob;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only the PostgreSQL store has: migrations, LISTEN/NOTIFY, the claim plan, races between connections. */
class PostgresJobStoreSpecificsTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  private PgTestDb db;
  private PostgresJobStore store;

  @BeforeEach
  void setUp() {
    db = PgTestDb.create("jobs_pg", 8);
    store = db.store();
  }

  @AfterEach
  void tearDown() {
    store.close();
    db.close();
  }

  private static NewJob job(String tenant, String key) {
    return new NewJob(tenant, "t", "default", "{}", T0, 0, 3, Duration.ofMinutes(1), key, T0);
  }

  @Test
  void claimsAndCompletionsInEitherCommitModeLeaveThePooledConnectionsSettingAlone() throws SQLException {
    // One connection, so the store's statements and the checks below share it: the asynchronous
    // commit is scoped to each statement's own transaction and must not leak into the host's session.
    try (PgTestDb single = PgTestDb.create("jobs_commit", 1)) {
      for (boolean synchronous : new boolean[] {false, true}) {
        try (PostgresJobStore s = PostgresJobStore.builder().dataSource(single.pool)
            .channel("ogf_" + single.schema).synchronousCommit(synchronous).build()) {
          s.enqueue(List.of(job("acme", null), job("acme", null)));
          List<ClaimedJob> claimed = s.claim(new ClaimRequest("w1", Set.of("default"), Set.of("t"), 2, T0,
              Duration.ofMinutes(1), Integer.MAX_VALUE, Map.of()));
          assertThat(claimed).as("synchronous=%s", synchronous).hasSize(2);
          List<Completion> done = new ArrayList<>();
          for (ClaimedJob j : claimed) {
            done.add(new Completion(j.id(), j.attempt(), Outcome.SUCCEEDED, T0.plusSeconds(1), null, null, null));
          }
          assertThat(s.complete("w1", done)).isEmpty();
          for (ClaimedJob j : claimed) {
            assertThat(s.find("acme", j.id()).orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
          }
        }
        try (Connection c = single.pool.getConnection(); Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SHOW synchronous_commit")) {
          rs.next();
          assertThat(rs.getString(1)).as("synchronous=%s", synchronous).isEqualTo("on");
        }
      }
    }
  }

  @Test
  void migrateIsIdempotentAndRecordsItsHistory() throws SQLException {
    assertThat(PostgresJobStore.migrate(db.pool)).as("already applied by setUp").isEmpty();
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, script FROM ogf_jobs_schema_history ORDER BY version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getString(2)).isEqualTo("V1__jobs.sql");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(2);
      assertThat(rs.getString(2)).isEqualTo("V2__history_index_skips_running.sql");
      assertThat(rs.next()).isFalse();
    }
  }

  @Test
  void nodesMigratingAtOnceApplyEachVersionOnce() throws Exception {
    try (PgTestDb fresh = freshUnmigratedSchema()) {
      int nodes = 4;
      ExecutorService pool = Executors.newFixedThreadPool(nodes);
      CountDownLatch go = new CountDownLatch(1);
      try {
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
          results.add(pool.submit(() -> {
            go.await();
            return PostgresJobStore.migrate(fresh.pool);
          }));
        }
        go.countDown();
        List<Integer> applied = new ArrayList<>();
        for (Future<List<Integer>> f : results) {
          applied.addAll(f.get(60, TimeUnit.SECONDS));
        }
        assertThat(applied).as("exactly one node applied V1 and V2; the rest found them done").containsExactly(1, 2);
      } finally {
        pool.shutdownNow();
      }
      PostgresJobStore s = PostgresJobStore.builder().dataSource(fresh.pool).build();
      assertThat(s.enqueue(List.of(job("acme", null)))).hasSize(1);
    }
  }

  /** A schema with no job tables: PgTestDb migrates, so undo that. */
  private static PgTestDb freshUnmigratedSchema() throws SQLException {
    PgTestDb fresh = PgTestDb.create("jobs_mig", 4);
    try (Connection c = fresh.pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE ogf_jobs; DROP TABLE ogf_jobs_schema_history");
    }
    return fresh;
  }

  @Test
  void anEditedMigrationIsRefused() throws SQLException {
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("UPDATE ogf_jobs_schema_history SET checksum = checksum + 1 WHERE version = 1");
    }
    assertThatThrownBy(() -> PostgresJobStore.migrate(db.pool))
        .isInstanceOf(PostgresStoreException.class)
        .hasMessageContaining("V1__jobs.sql")
        .extracting(e -> ((PostgresStoreException) e).code()).isEqualTo(PostgresStoreErrorCode.MIGRATION_FAILED);
  }

  @Test
  void aMissingSchemaSaysToMigrate() throws SQLException {
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE ogf_jobs");
    }
    assertThatThrownBy(() -> store.enqueue(List.of(job("acme", null))))
        .isInstanceOf(PostgresStoreException.class)
        .hasMessageContaining("migrate");
  }

  @Test
  void enqueueWakesListenersAndTheListenerSurvivesALostConnection() throws Exception {
    PostgresJobStore fast = PostgresJobStore.builder().dataSource(db.pool).channel("ogf_" + db.schema)
        .listenerReconnectDelay(Duration.ofMillis(50)).build();
    Semaphore calls = new Semaphore(0);
    try (AutoCloseable sub = fast.onJobsAvailable(calls::release)) {
      awaitListener(true);
      store.enqueue(List.of(job("acme", null)));
      assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).as("notified of the enqueue").isTrue();

      // A future job wakes nobody: no worker could take it yet.
      store.enqueue(List.of(new NewJob("acme", "t", "default", "{}", T0.plusSeconds(60), 0, 3,
          Duration.ofMinutes(1), null, T0)));
      assertThat(calls.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();

      int killed = terminateListener();
      assertThat(killed).isEqualTo(1);
      // After reconnecting the listener wakes everyone once, since notifications sent meanwhile are lost.
      assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).as("woken after reconnecting").isTrue();
      awaitListener(true);
      calls.drainPermits();
      store.enqueue(List.of(job("acme", null)));
      assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).as("notified again on the new connection").isTrue();
    } finally {
      fast.close();
    }
    awaitListener(false);
  }

  private void awaitListener(boolean present) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Connection c = db.raw.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
              + NotificationListener.applicationName("ogf_" + db.schema) + "'")) {
        rs.next();
        if ((rs.getInt(1) > 0) == present) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("listener " + (present ? "never appeared" : "never went away"));
  }

  private int terminateListener() throws SQLException {
    try (Connection c = db.raw.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE application_name = '" + NotificationListener.applicationName("ogf_" + db.schema) + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  @Test
  void retriesDueNowAndReleasesWakeListenersButFutureRetriesDoNot() throws Exception {
    Semaphore calls = new Semaphore(0);
    try (AutoCloseable sub = store.onJobsAvailable(calls::release)) {
      awaitListener(true);
      store.enqueue(List.of(job("acme", null), job("acme", null), job("acme", null)));
      assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      List<ClaimedJob> jobs = store.claim(new ClaimRequest("w", Set.of("default"), Set.of("t"), 3, T0,
          Duration.ofSeconds(30), Integer.MAX_VALUE, Map.of()));
      calls.drainPermits();
      store.complete("w", List.of(new Completion(jobs.get(0).id(), 1, Outcome.RETRY, T0, T0.plusSeconds(60), "e", null)));
      assertThat(calls.tryAcquire(300, TimeUnit.MILLISECONDS)).as("retry in a minute").isFalse();
      store.complete("w", List.of(new Completion(jobs.get(1).id(), 1, Outcome.RETRY, T0, T0, "e", null)));
      assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).as("retry due now").isTrue();
      store.complete("w", List.of(new Completion(jobs.get(2).id(), 1, Outcome.RELEASED, T0, null, null, null)));
      assertThat(calls.tryAcquire(10, TimeUnit.SECONDS)).as("released").isTrue();
    }
  }

  /** {@code n} succeeded jobs spread over 50 tenants, then ANALYZE: the table most rows end up in. */
  private void insertFinishedJobs(int n) throws SQLException {
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO ogf_jobs (tenant_id, type, queue, payload, status, max_attempts, timeout_ms,"
          + " run_at, created_at, finished_at, attempt)"
          + " SELECT 't' || (g % 50), 't', 'default', '{}', 'succeeded', 3, 1000, now(), now(), now(), 1"
          + " FROM generate_series(1, " + n + ") g");
      s.execute("ANALYZE ogf_jobs");
    }
  }

  @Test
  void claimsUseThePartialIndexWhenMostRowsAreFinished() throws SQLException {
    // 100k finished rows and a handful waiting: the claim must not read the finished ones.
    insertFinishedJobs(100_000);
    store.enqueue(List.of(job("acme", null), job("acme", null)));
    String plan;
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement()) {
      // The claim statement itself, bound to literal values, explained without running it.
      StringBuilder sb = new StringBuilder();
      try (ResultSet rs = s.executeQuery("EXPLAIN WITH candidates AS MATERIALIZED ("
          + " SELECT c.id, c.priority, c.run_at FROM unnest('{default}'::text[]) AS q(name) CROSS JOIN LATERAL ("
          + "   SELECT j.id, j.priority, j.run_at FROM ogf_jobs j WHERE j.queue = q.name"
          + "   AND j.status IN ('scheduled', 'available', 'retrying') AND j.run_at <= now()"
          + "   AND j.type = ANY('{t}'::text[]) ORDER BY j.priority, j.run_at, j.id LIMIT 100"
          + "   FOR UPDATE SKIP LOCKED) c) SELECT * FROM candidates")) {
        while (rs.next()) {
          sb.append(rs.getString(1)).append('\n');
        }
      }
      plan = sb.toString();
    }
    assertThat(plan).contains("ogf_jobs_claimable_idx").doesNotContain("Seq Scan on ogf_jobs");
    List<ClaimedJob> got = store.claim(new ClaimRequest("w", Set.of("default"), Set.of("t"), 10, T0,
        Duration.ofSeconds(30), Integer.MAX_VALUE, Map.of()));
    assertThat(got).hasSize(2);
  }

  @Test
  void historyQueriesUseTheHistoryAndRunningIndexesAmongManyFinishedJobs() throws SQLException {
    insertFinishedJobs(100_000);
    PostgresJobStore.HistoryQuery h = PostgresJobStore.historyQuery(
        io.offgridflow.jobs.JobQuery.forTenant("t7").type("t").limit(20).build());
    StringBuilder plan = new StringBuilder();
    try (Connection c = db.pool.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement("EXPLAIN " + h.sql())) {
      for (int i = 0; i < h.args().size(); i++) {
        ps.setObject(i + 1, h.args().get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
    }
    assertThat(plan.toString()).contains("ogf_jobs_history_idx").contains("ogf_jobs_running_idx")
        .doesNotContain("Seq Scan");
    assertThat(store.query(io.offgridflow.jobs.JobQuery.forTenant("t7").limit(20).build())).hasSize(20);
  }

  @Test
  void concurrentEnqueuesOfOneUniqueKeyAgreeOnOneId() throws Exception {
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    try {
      for (int round = 0; round < 20; round++) {
        String key = "k" + round;
        List<Future<EnqueueOutcome>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          fs.add(pool.submit(() -> {
            go.await();
            return store.enqueue(List.of(job("acme", key))).get(0);
          }));
        }
        go.countDown();
        List<EnqueueOutcome> outs = new ArrayList<>();
        for (Future<EnqueueOutcome> f : fs) {
          outs.add(f.get(30, TimeUnit.SECONDS));
        }
        assertThat(outs.stream().filter(EnqueueOutcome::inserted)).hasSize(1);
        assertThat(outs.stream().map(EnqueueOutcome::id).distinct()).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void heartbeatsAndCompletionsOfOneWorkerNeverDeadlock() throws Exception {
    // A worker renews leases and stores completions on two connections at once, listing the same
    // jobs in whatever order its maps iterate: opposite orders here, the worst case.
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(job("acme", null));
    }
    store.enqueue(batch);
    List<ClaimedJob> held = store.claim(new ClaimRequest("w", Set.of("default"), Set.of("t"), 300, T0,
        Duration.ofMinutes(5), Integer.MAX_VALUE, Map.of()));
    assertThat(held).hasSize(300);
    Map<Long, Integer> up = new java.util.LinkedHashMap<>();
    Map<Long, Integer> down = new java.util.LinkedHashMap<>();
    held.forEach(j -> up.put(j.id(), j.attempt()));
    for (int i = held.size() - 1; i >= 0; i--) {
      down.put(held.get(i).id(), held.get(i).attempt());
    }
    ExecutorService pool = Executors.newFixedThreadPool(3);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> fs = new ArrayList<>();
      fs.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < 40; i++) {
          store.heartbeat("w", up, T0.plusSeconds(600 + i), Map.of());
        }
        return null;
      }));
      fs.add(pool.submit(() -> {
        go.await();
        for (int i = 0; i < 40; i++) {
          store.heartbeat("w", down, T0.plusSeconds(600 + i), Map.of());
        }
        return null;
      }));
      fs.add(pool.submit(() -> {
        go.await();
        List<ClaimedJob> reversed = new ArrayList<>(held);
        java.util.Collections.reverse(reversed);
        for (int from = 0; from < reversed.size(); from += 20) {
          List<Completion> cs = reversed.subList(from, from + 20).stream()
              .map(j -> new Completion(j.id(), j.attempt(), Outcome.SUCCEEDED, T0, null, null, null)).toList();
          assertThat(store.complete("w", cs)).isEmpty();
        }
        return null;
      }));
      go.countDown();
      for (Future<?> f : fs) {
        f.get(60, TimeUnit.SECONDS); // a deadlock surfaces here as PostgresStoreException (40P01)
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM ogf_jobs WHERE status = 'succeeded'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(300);
    }
  }

  @Test
  void eachBatchOperationIsOneClientSpanWithItsBatchSize() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build()) {
      PostgresJobStore traced = PostgresJobStore.builder().dataSource(db.pool).openTelemetry(otel).build();
      traced.enqueue(List.of(job("acme", null), job("acme", null), job("acme", null)));
      List<ClaimedJob> got = traced.claim(new ClaimRequest("w", Set.of("default"), Set.of("t"), 5, T0,
          Duration.ofSeconds(30), Integer.MAX_VALUE, Map.of()));
      traced.complete("w", got.stream()
          .map(j -> new Completion(j.id(), j.attempt(), Outcome.SUCCEEDED, T0, null, null, null)).toList());
      try (Connection c = db.pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP TABLE ogf_jobs");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      assertThatThrownBy(() -> traced.rescueExpired(T0)).isInstanceOf(PostgresStoreException.class);

      // Read before the SDK closes: shutting it down empties the in-memory exporter.
      List<SpanData> ended = spans.getFinishedSpanItems();
      assertThat(ended).extracting(SpanData::getName).containsExactly("offgridflow.jobs.store enqueue",
          "offgridflow.jobs.store claim", "offgridflow.jobs.store complete", "offgridflow.jobs.store rescue");
      assertThat(ended).allMatch(sp -> sp.getKind() == SpanKind.CLIENT);
      AttributeKey<Long> batch = AttributeKey.longKey("offgridflow.jobs.batch_size");
      assertThat(ended.get(0).getAttributes().get(batch)).isEqualTo(3L);
      assertThat(ended.get(2).getAttributes().get(batch)).isEqualTo(3L);
      assertThat(ended.get(3).getStatus().getStatusCode()).as("a failed operation marks its span")
          .isEqualTo(StatusCode.ERROR);
    }
  }

  @Test
  void rescueOfACancelledJobCancelsItInsteadOfRunningItAgain() {
    long id = store.enqueue(List.of(job("acme", null))).get(0).id();
    store.claim(new ClaimRequest("w", Set.of("default"), Set.of("t"), 1, T0, Duration.ofSeconds(5),
        Integer.MAX_VALUE, Map.of()));
    assertThat(store.cancel("acme", id, T0.plusSeconds(1))).isTrue();
    assertThat(store.rescueExpired(T0.plusSeconds(10))).isEqualTo(1);
    assertThat(store.find("acme", id).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void purgeWorksInChunks() throws SQLException {
    PostgresJobStore small = PostgresJobStore.builder().dataSource(db.pool).purgeBatchSize(7).build();
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO ogf_jobs (tenant_id, type, queue, payload, status, max_attempts, timeout_ms,"
          + " run_at, created_at, finished_at) SELECT 'a', 't', 'default', '{}', 'dead', 3, 1000,"
          + " '2029-01-01Z', '2029-01-01Z', '2029-01-01Z' FROM generate_series(1, 50)");
    }
    assertThat(small.purge(T0, List.of(JobStatus.DEAD))).isEqualTo(50);
  }
}
