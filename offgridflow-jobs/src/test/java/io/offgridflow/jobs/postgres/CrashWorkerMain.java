package io.offgridflow.jobs.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.offgridflow.jobs.Worker;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The worker JVM of {@link PostgresCrashTest}: a real {@link Worker} on a {@link PostgresJobStore},
 * whose handler records each execution (job id, attempt, worker) in {@code crash_runs} before doing
 * its "work" — committed at once, outside any job transaction, like a real side effect (an e-mail
 * sent, a file written). The parent kills this JVM with SIGKILL.
 *
 * <p>Arguments: JDBC URL, schema, worker id, lease in milliseconds.
 */
public final class CrashWorkerMain {
  private CrashWorkerMain() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String schema = args[1];
    String workerId = args[2];
    Duration lease = Duration.ofMillis(Long.parseLong(args[3]));

    PGSimpleDataSource raw = new PGSimpleDataSource();
    raw.setURL(url);
    raw.setCurrentSchema(schema);
    HikariConfig cfg = new HikariConfig();
    cfg.setDataSource(raw);
    cfg.setMaximumPoolSize(14);
    cfg.setPoolName("crash-" + workerId);
    HikariDataSource pool = new HikariDataSource(cfg);
    PostgresJobStore store = PostgresJobStore.builder().dataSource(pool).channel("ogf_" + schema).build();

    Worker worker = Worker.builder()
        .store(store)
        .workerId(workerId)
        .concurrency(8)
        .leaseDuration(lease)
        .heartbeatInterval(lease.dividedBy(5))
        .rescueInterval(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(500))
        .handler("crash.work", JsonNode.class, (payload, ctx) -> {
          try (Connection c = pool.getConnection();
              PreparedStatement ps = c.prepareStatement(
                  "INSERT INTO crash_runs (job_id, attempt, worker) VALUES (?, ?, ?)")) {
            ps.setLong(1, ctx.jobId());
            ps.setInt(2, ctx.attempt());
            ps.setString(3, workerId);
            ps.executeUpdate();
          }
          Thread.sleep(payload.path("ms").asLong(10));
        })
        .build()
        .start();
    // SIGTERM (the final, graceful round) finishes running jobs; SIGKILL skips this, as a crash would.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.shutdown(Duration.ofSeconds(10));
      store.close();
      pool.close();
    }));
    System.out.println("worker " + workerId + " started");
    Thread.currentThread().join();
  }
}
