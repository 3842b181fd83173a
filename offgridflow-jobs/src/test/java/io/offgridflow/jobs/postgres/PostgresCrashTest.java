package io.offgridflow.jobs.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.jobs.spi.NewJob;
import io.offgridflow.testkit.TestPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kills a worker JVM with SIGKILL mid-batch, restarts it, and repeats; then proves that every job
 * completed, none was lost, and the only jobs that ran more than once were in flight (RUNNING under
 * the killed worker's lease) at a kill.
 *
 * <p>Rounds default to the bar, {@value #DEFAULT_ROUNDS} (about a minute here); fewer or more
 * with {@code -Dogf.crash.rounds=N}, jobs a round with {@code -Dogf.crash.jobsPerRound}, and a
 * failing run repeats with the printed {@code -Dogf.crash.seed}.
 */
class PostgresCrashTest {
  static final int DEFAULT_ROUNDS = 20;
  private static final Duration LEASE = Duration.ofSeconds(5);

  private PgTestDb db;
  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void tearDown() throws InterruptedException {
    for (Process p : children) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void sigkilledWorkersLoseNoJobAndRepeatOnlyTheJobsInFlight() throws Exception {
    int rounds = Integer.getInteger("ogf.crash.rounds", DEFAULT_ROUNDS);
    int perRound = Integer.getInteger("ogf.crash.jobsPerRound", 100);
    long seed = Long.getLong("ogf.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    db = PgTestDb.create("jobs_crash", 4);
    PostgresJobStore store = db.store();
    sql("CREATE TABLE crash_runs (job_id bigint NOT NULL, attempt int NOT NULL, worker text NOT NULL,"
        + " at timestamptz NOT NULL DEFAULT clock_timestamp())");
    Path logs = Files.createTempDirectory("ogf-crash-");
    System.out.printf("crash test: %d rounds, %d jobs a round, seed %d, child logs in %s%n", rounds, perRound, seed, logs);

    Set<Long> inFlightAtKills = new HashSet<>();
    int killsWithJobsInFlight = 0;
    long t0 = System.nanoTime();
    for (int round = 1; round <= rounds; round++) {
      List<NewJob> batch = new ArrayList<>();
      for (int i = 0; i < perRound; i++) {
        batch.add(new NewJob("tenant-" + (i % 3), "crash.work", "default", "{\"ms\":" + (5 + random.nextInt(25)) + "}",
            Instant.now(), 0, 1_000, Duration.ofMinutes(1), null, Instant.now()));
      }
      store.enqueue(batch);
      String workerId = "crash-" + round;
      long runsBefore = count("SELECT count(*) FROM crash_runs");
      Process child = startWorker(workerId, logs);
      // Kill only once this worker is busy, then at a random moment within its next batches.
      int target = 20 + random.nextInt(60);
      awaitOrFail(() -> count("SELECT count(*) FROM crash_runs") >= runsBefore + target, child, workerId, logs);
      Thread.sleep(random.nextInt(150));
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no release, no last completions
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      List<Long> inFlight = ids("SELECT id FROM ogf_jobs WHERE status = 'running' AND lease_owner = '" + workerId + "'");
      inFlightAtKills.addAll(inFlight);
      if (!inFlight.isEmpty()) {
        killsWithJobsInFlight++;
      }
      System.out.printf("round %d: killed %s after %d runs with %d jobs in flight%n", round, workerId,
          count("SELECT count(*) FROM crash_runs") - runsBefore, inFlight.size());
    }

    // A last worker, left alive, rescues what the kills left behind and drains the queue.
    long total = (long) rounds * perRound;
    Process last = startWorker("crash-final", logs);
    awaitOrFail(() -> count("SELECT count(*) FROM ogf_jobs WHERE status = 'succeeded'") == total, last, "crash-final",
        logs);
    last.destroy(); // SIGTERM: graceful
    last.waitFor(30, TimeUnit.SECONDS);

    Map<Long, Integer> runs = new HashMap<>();
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT j.id, count(r.job_id) FROM ogf_jobs j"
            + " LEFT JOIN crash_runs r ON r.job_id = j.id GROUP BY j.id")) {
      while (rs.next()) {
        runs.put(rs.getLong(1), rs.getInt(2));
      }
    }
    Set<Long> repeated = new HashSet<>();
    runs.forEach((id, n) -> {
      if (n > 1) {
        repeated.add(id);
      }
    });
    System.out.printf("crash test: %d rounds in %d s; %d jobs, %d not succeeded, %d never ran, %d in flight at kills,"
            + " %d ran more than once (all of them in flight at a kill: %s)%n",
        rounds, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0), runs.size(),
        count("SELECT count(*) FROM ogf_jobs WHERE status <> 'succeeded'"),
        runs.values().stream().filter(n -> n == 0).count(), inFlightAtKills.size(), repeated.size(),
        inFlightAtKills.containsAll(repeated));

    assertThat(runs).as("every enqueued job is in the table").hasSize((int) total);
    assertThat(count("SELECT count(*) FROM ogf_jobs WHERE status <> 'succeeded'")).as("none lost").isZero();
    assertThat(runs.values()).as("every job ran").allMatch(n -> n >= 1);
    assertThat(inFlightAtKills).as("only jobs in flight at a kill ran again").containsAll(repeated);
    assertThat(killsWithJobsInFlight).as("the kills landed mid-batch").isPositive();
    // Attempts line up with runs: a rerun is a new attempt, never the same attempt twice.
    assertThat(count("SELECT count(*) FROM (SELECT job_id, attempt FROM crash_runs GROUP BY job_id, attempt"
        + " HAVING count(*) > 1) d")).isZero();
  }

  private Process startWorker(String workerId, Path logs) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // Surefire may hand this JVM a manifest-only jar; the real test classpath is in its own property.
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", cp,
        CrashWorkerMain.class.getName(), TestPostgres.baseUrl(), db.schema, workerId, Long.toString(LEASE.toMillis()));
    File log = logs.resolve(workerId + ".log").toFile();
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
    Process p = pb.start();
    children.add(p);
    return p;
  }

  private static void awaitOrFail(BooleanSupplier condition, Process child, String workerId, Path logs)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        Path log = logs.resolve(workerId + ".log");
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        throw new AssertionError("worker " + workerId + (child.isAlive() ? " made no progress in 120 s" : " died")
            + "; its log:\n" + text.substring(Math.max(0, text.length() - 8_000)));
      }
      Thread.sleep(20);
    }
  }

  private void sql(String sql) throws SQLException {
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private long count(String sql) {
    try (Connection c = db.pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private List<Long> ids(String sql) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (Connection c = db.pool.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }
}
