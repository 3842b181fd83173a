package io.offgridflow.jobs.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offgridflow.jobs.AttemptError;
import io.offgridflow.jobs.JobQuery;
import io.offgridflow.jobs.JobRecord;
import io.offgridflow.jobs.JobStatus;
import io.offgridflow.jobs.spi.ClaimRequest;
import io.offgridflow.jobs.spi.ClaimedJob;
import io.offgridflow.jobs.spi.Completion;
import io.offgridflow.jobs.spi.EnqueueOutcome;
import io.offgridflow.jobs.spi.HeartbeatResult;
import io.offgridflow.jobs.spi.JobStore;
import io.offgridflow.jobs.spi.NewJob;
import io.offgridflow.jobs.spi.QueueStats;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The durable {@link JobStore}: one PostgreSQL table shared by every node. Each batch operation is a
 * single SQL statement — enqueue inserts a whole batch from arrays, claim locks the next jobs with
 * {@code FOR UPDATE SKIP LOCKED} inside a {@code MATERIALIZED} CTE and leases them in the same
 * statement, completion applies every outcome of a batch in one {@code UPDATE ... FROM unnest} —
 * so a worker pays one round trip per batch, not per job.
 *
 * <p>Enqueues, immediate retries, releases and rescues send {@code pg_notify} on {@link
 * Builder#channel(String)}; {@link #onJobsAvailable} holds one dedicated connection that LISTENs
 * and reconnects after failures. That needs the PostgreSQL driver ({@code org.postgresql:postgresql})
 * at run time, which a host talking to PostgreSQL has anyway; nothing else here is driver-specific.
 *
 * <p>Tables live in the data source's current schema; run {@link #migrate(DataSource)} once per
 * deployment (safe from every node at start-up).
 *
 * <pre>{@code
 * PostgresJobStore.migrate(dataSource);
 * PostgresJobStore store = PostgresJobStore.builder()
 *     .dataSource(dataSource)          // a pool, e.g. HikariCP
 *     .build();
 * try (AutoCloseable sub = store.onJobsAvailable(worker::wakeUp)) { ... }
 * store.close();                        // stops the listener thread
 * }</pre>
 */
public final class PostgresJobStore implements JobStore, AutoCloseable {
  private static final int MAX_TENANT_PASSES = 8;
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final String CLAIMABLE = "('scheduled', 'available', 'retrying')";
  private static final String COLUMNS = "id, tenant_id, type, queue, payload, status, priority, attempt, "
      + "max_attempts, timeout_ms, run_at, created_at, started_at, finished_at, unique_key, lease_owner, "
      + "lease_expires_at, progress, errors";
  private static final String LEASE_EXPIRED =
      "lease expired: the worker stopped renewing it (crashed, hung or cut off from the database)";

  /**
   * The rows a batch UPDATE may touch, locked first and in id order. An UPDATE ... FROM locks rows
   * in join order, so a worker's heartbeat and its completer (two connections) could lock two jobs
   * in opposite orders and deadlock; claims and rescues never wait (SKIP LOCKED) and cancels lock
   * one row, so ordering these two is enough. The lateral probe also pins the plan to one primary
   * key lookup per input row (a join on the whole batch let the planner walk every running job for
   * every input row), and it is where the fence is checked: this worker, this attempt, still
   * running. The row stays locked until the UPDATE, so the check cannot go stale. "Still running"
   * is {@code lease_owner = ?}: the table's lease check makes a lease owner mean RUNNING, and a
   * literal {@code status = 'running'} here would let the planner scan the whole running index for
   * every input row. {@code $INPUT} is the input relation with {@code id} and {@code attempt}.
   */
  private static final String LOCKED_INPUT = " locked AS MATERIALIZED (SELECT c.* FROM ($INPUT ORDER BY 1) c"
      + "   CROSS JOIN LATERAL (SELECT 1 FROM ogf_jobs j WHERE j.id = c.id AND j.attempt = c.attempt"
      + "     AND j.lease_owner = ? FOR NO KEY UPDATE OF j) fenced)";

  /**
   * By default ({@link Builder#synchronousCommit(boolean)}), claims and all-success completions
   * commit without waiting for their WAL to reach disk. Losing one of these commits takes a
   * PostgreSQL crash, and costs only a re-run: a lost claim leaves the job available, a lost
   * completion leaves it running until its lease expires, and jobs are run at least once anyway (a
   * worker can die between finishing a job and storing that). Nothing a client wrote is at risk:
   * enqueues, cancels, schedules and every other statement keep synchronous commits. {@code
   * set_config(..., true)} lasts to the end of the statement's own transaction, so the pooled
   * connection keeps its setting; the CTE must be referenced to run, hence the extra RETURNING
   * column. The synchronous variant keeps the statement's shape.
   */
  private static final String ASYNC_COMMIT =
      " commit_mode AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true) AS setting)";
  private static final String SYNC_COMMIT = " commit_mode AS MATERIALIZED (SELECT NULL::text AS setting)";

  private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
  private static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("offgridflow.jobs.batch_size");

  private final DataSource dataSource;
  private final Tracer tracer;
  private final String channel;
  private final Duration reconnectDelay;
  private final int rescueBatchSize;
  private final int purgeBatchSize;
  private final ObjectMapper json = new ObjectMapper();
  private final CopyOnWriteArrayList<Runnable> callbacks = new CopyOnWriteArrayList<>();
  private final Object listenerLock = new Object();
  private @Nullable NotificationListener listener;
  private boolean closed;

  private final String enqueueSql;
  private final String claimSql;
  private final String claimLimitedSql;
  private final String completeSql;
  private final String completeSucceededSql;
  /**
   * Striped by worker id: one worker's heartbeat and lock-free completion never run at once (see
   * {@link #completeSucceededSql}). Stripes, not one lock per id: worker ids come and go.
   */
  private final Object[] workerSerial = java.util.stream.Stream.generate(Object::new).limit(64).toArray();
  private final String rescueSql;

  private PostgresJobStore(Builder b) {
    this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
    this.tracer = b.openTelemetry.getTracer("io.offgridflow.jobs.postgres");
    this.channel = b.channel;
    this.reconnectDelay = b.reconnectDelay;
    this.rescueBatchSize = b.rescueBatchSize;
    this.purgeBatchSize = b.purgeBatchSize;
    this.enqueueSql = enqueueSql();
    String commitMode = b.synchronousCommit ? SYNC_COMMIT : ASYNC_COMMIT;
    this.claimSql = claimSql(false, commitMode);
    this.claimLimitedSql = claimSql(true, commitMode);
    this.completeSql = completeSql();
    this.completeSucceededSql = completeSucceededSql(commitMode);
    this.rescueSql = rescueSql();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates or upgrades the job tables in the data source's current schema. Idempotent, and safe
   * when several nodes call it at once (they serialize on an advisory lock).
   *
   * @return the schema versions this call applied; empty when already current
   */
  public static List<Integer> migrate(DataSource dataSource) {
    return Migrator.migrate(dataSource);
  }

  // ---------------------------------------------------------------- enqueue

  private String enqueueSql() {
    // Ids come from the sequence in the input CTE, so each row maps back to its input position
    // without trusting RETURNING order. A duplicate key within the batch maps to the batch's first
    // row (firsts); one already in the table maps to that row (e), visible to this statement's
    // snapshot. A key committed by a concurrent enqueue after our snapshot leaves the id null and
    // is looked up again afterwards.
    return "WITH input AS MATERIALIZED ("
        // Each array is wrapped in a scalar subquery: a custom plan would otherwise fold the bound
        // arrays into constants, and unnest over such constants took seconds for 5,000 rows where
        // the same arrays as parameters take milliseconds.
        + " SELECT nextval('ogf_jobs_id_seq') AS id, t.* FROM unnest((SELECT ?::text[]), (SELECT ?::text[]),"
        + "   (SELECT ?::text[]), (SELECT ?::text[]), (SELECT ?::timestamptz[]), (SELECT ?::int[]),"
        + "   (SELECT ?::int[]), (SELECT ?::bigint[]), (SELECT ?::text[]), (SELECT ?::timestamptz[]))"
        + "   WITH ORDINALITY AS t(tenant_id, type, queue, payload, run_at, priority, max_attempts, timeout_ms,"
        + "   unique_key, created_at, ord)),"
        + " ins AS (INSERT INTO ogf_jobs (id, tenant_id, type, queue, payload, status, priority, max_attempts,"
        + "   timeout_ms, run_at, created_at, unique_key)"
        + "   SELECT id, tenant_id, type, queue, payload::json,"
        + "     CASE WHEN run_at > created_at THEN 'scheduled' ELSE 'available' END,"
        + "     priority, max_attempts, timeout_ms, run_at, created_at, unique_key FROM input ORDER BY ord"
        + "   ON CONFLICT (tenant_id, unique_key) WHERE unique_key IS NOT NULL DO NOTHING RETURNING id),"
        + " firsts AS (SELECT i.tenant_id, i.unique_key, min(i.id) AS id FROM input i JOIN ins USING (id)"
        + "   WHERE i.unique_key IS NOT NULL GROUP BY i.tenant_id, i.unique_key),"
        + " notified AS (SELECT count(pg_notify('" + channel + "', q.queue)) AS n FROM"
        + "   (SELECT DISTINCT i.queue FROM input i JOIN ins USING (id) WHERE i.run_at <= i.created_at) q)"
        // The existing-row lookup is a correlated subquery, run only for keys not inserted, so it
        // probes the unique index instead of joining the whole table.
        + " SELECT i.ord, ins.id IS NOT NULL, coalesce(ins.id, f.id, CASE WHEN i.unique_key IS NOT NULL THEN"
        + "   (SELECT e.id FROM ogf_jobs e WHERE e.tenant_id = i.tenant_id AND e.unique_key = i.unique_key) END),"
        + "   (SELECT n FROM notified)"
        + " FROM input i"
        + " LEFT JOIN ins ON ins.id = i.id"
        + " LEFT JOIN firsts f ON ins.id IS NULL AND f.tenant_id = i.tenant_id AND f.unique_key = i.unique_key"
        + " ORDER BY i.ord";
  }

  @Override
  public List<EnqueueOutcome> enqueue(List<NewJob> jobs) {
    return traced("enqueue", jobs.size(), () -> doEnqueue(jobs));
  }

  private List<EnqueueOutcome> doEnqueue(List<NewJob> jobs) {
    if (jobs.isEmpty()) {
      return List.of();
    }
    int n = jobs.size();
    String[] tenant = new String[n];
    String[] type = new String[n];
    String[] queue = new String[n];
    String[] payload = new String[n];
    String[] runAt = new String[n];
    Integer[] priority = new Integer[n];
    Integer[] maxAttempts = new Integer[n];
    Long[] timeout = new Long[n];
    String[] uniqueKey = new String[n];
    String[] createdAt = new String[n];
    for (int i = 0; i < n; i++) {
      NewJob j = jobs.get(i);
      if (j.maxAttempts() < 1) {
        throw new IllegalArgumentException("job " + i + " (" + j.type() + "): maxAttempts must be >= 1, was "
            + j.maxAttempts());
      }
      tenant[i] = j.tenantId();
      type[i] = j.type();
      queue[i] = j.queue();
      payload[i] = j.payload();
      runAt[i] = j.runAt().toString();
      priority[i] = j.priority();
      maxAttempts[i] = j.maxAttempts();
      timeout[i] = j.timeout().toMillis();
      uniqueKey[i] = j.uniqueKey();
      createdAt[i] = j.createdAt().toString();
    }
    EnqueueOutcome[] out = new EnqueueOutcome[n];
    List<Integer> unresolved = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(enqueueSql)) {
      int p = 1;
      ps.setArray(p++, c.createArrayOf("text", tenant));
      ps.setArray(p++, c.createArrayOf("text", type));
      ps.setArray(p++, c.createArrayOf("text", queue));
      ps.setArray(p++, c.createArrayOf("text", payload));
      ps.setArray(p++, c.createArrayOf("text", runAt));
      ps.setArray(p++, c.createArrayOf("int4", priority));
      ps.setArray(p++, c.createArrayOf("int4", maxAttempts));
      ps.setArray(p++, c.createArrayOf("int8", timeout));
      ps.setArray(p++, c.createArrayOf("text", uniqueKey));
      ps.setArray(p, c.createArrayOf("text", createdAt));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int i = (int) rs.getLong(1) - 1;
          long id = rs.getLong(3);
          if (rs.wasNull()) {
            unresolved.add(i);
          } else {
            out[i] = new EnqueueOutcome(id, rs.getBoolean(2));
          }
        }
      }
      for (int i : unresolved) {
        out[i] = new EnqueueOutcome(lookUpUnique(c, jobs.get(i)), false);
      }
    } catch (SQLException e) {
      throw PostgresStoreException.of("enqueue of " + n + " jobs", e);
    }
    return List.of(out);
  }

  private long lookUpUnique(Connection c, NewJob job) throws SQLException {
    // Autocommit: this statement's fresh snapshot sees the concurrent enqueue that beat us.
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id FROM ogf_jobs WHERE tenant_id = ? AND unique_key = ?")) {
      ps.setString(1, job.tenantId());
      ps.setString(2, job.uniqueKey());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getLong(1);
        }
      }
    }
    // The conflicting row was purged between our insert attempt and the lookup: insert again.
    List<EnqueueOutcome> again = enqueue(List.of(job));
    return again.get(0).id();
  }

  // ---------------------------------------------------------------- claim

  private static String claimSql(boolean tenantLimits, String commitMode) {
    // One lateral probe per queue walks ogf_jobs_claimable_idx in claim order and stops after the
    // window; the outer ORDER BY merges the queues. Rows locked but not picked are released at
    // commit, which is the end of this statement.
    String window = tenantLimits
        ? " AND j.tenant_id NOT IN (SELECT tenant_id FROM full_tenants)" : "";
    String candidates = "candidates AS MATERIALIZED (SELECT c.id, c.tenant_id, c.priority, c.run_at"
        + " FROM unnest(?::text[]) AS q(name) CROSS JOIN LATERAL ("
        + "   SELECT j.id, j.tenant_id, j.priority, j.run_at FROM ogf_jobs j"
        + "   WHERE j.queue = q.name AND j.status IN " + CLAIMABLE + " AND j.run_at <= ?"
        + "     AND j.type = ANY(?::text[])" + window
        + "   ORDER BY j.priority, j.run_at, j.id LIMIT ? FOR UPDATE SKIP LOCKED) c)";
    String picked;
    String prefix;
    if (tenantLimits) {
      // Tenants already at their limit are left out of the scan so their backlog cannot crowd the
      // window; the rest get at most (limit - running) of the candidates, in claim order.
      prefix = "WITH running AS (SELECT tenant_id, count(*) AS n FROM ogf_jobs WHERE status = 'running'"
          + "   GROUP BY tenant_id),"
          + " limits AS (SELECT * FROM unnest(?::text[], ?::int[]) AS l(tenant_id, lim)),"
          + " full_tenants AS (SELECT r.tenant_id FROM running r LEFT JOIN limits l USING (tenant_id)"
          + "   WHERE r.n >= coalesce(l.lim, ?)),";
      picked = " ranked AS (SELECT c.id, c.priority, c.run_at, coalesce(l.lim, ?) AS lim,"
          + "   coalesce(r.n, 0) + row_number() OVER (PARTITION BY c.tenant_id"
          + "     ORDER BY c.priority, c.run_at, c.id) AS would_run"
          + "   FROM candidates c LEFT JOIN running r USING (tenant_id) LEFT JOIN limits l USING (tenant_id)),"
          + " picked AS (SELECT id FROM ranked WHERE would_run <= lim ORDER BY priority, run_at, id LIMIT ?)";
    } else {
      prefix = "WITH ";
      picked = " picked AS (SELECT id FROM candidates ORDER BY priority, run_at, id LIMIT ?)";
    }
    return prefix + candidates + "," + picked + "," + commitMode
        + " UPDATE ogf_jobs j SET status = 'running', attempt = j.attempt + 1, started_at = ?,"
        + "   lease_owner = ?, lease_expires_at = ?"
        // id = ANY(ARRAY(...)) pins the update to primary-key probes; a join with the CTE lets the
        // planner hash the whole table, which grows with every finished job.
        + " WHERE j.id = ANY(ARRAY(SELECT id FROM picked))"
        + " RETURNING j.id, j.tenant_id, j.type, j.queue, j.payload, j.attempt, j.max_attempts, j.timeout_ms,"
        + "   j.run_at, j.lease_expires_at, j.priority, (SELECT count(*) FROM candidates) AS seen,"
        + "   (SELECT setting FROM commit_mode)";
  }

  @Override
  public List<ClaimedJob> claim(ClaimRequest request) {
    return traced("claim", request.limit(), () -> doClaim(request));
  }

  private List<ClaimedJob> doClaim(ClaimRequest request) {
    boolean limited = request.defaultTenantLimit() != Integer.MAX_VALUE
        || request.tenantLimits().values().stream().anyMatch(v -> v != Integer.MAX_VALUE);
    OffsetDateTime now = odt(request.now());
    OffsetDateTime leaseEnd = odt(request.now().plus(request.lease()));
    int window = limited ? Math.min(request.limit() * 4, request.limit() + 1_000) : request.limit();
    try (Connection c = dataSource.getConnection()) {
      if (!limited) {
        try (PreparedStatement ps = c.prepareStatement(claimSql)) {
          int p = bindCandidates(c, ps, 1, request, now, window);
          bindClaimTail(ps, p, request, now, leaseEnd, request.limit());
          return inClaimOrder(readClaimed(ps).jobs());
        }
      }
      // Counting running jobs and taking new ones must not interleave between claimers, or two of
      // them could each see a tenant one below its limit. A transaction-scoped advisory lock
      // serializes limited claims only; the claim statement then takes a fresh snapshot.
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT pg_advisory_xact_lock(7361206, hashtext(current_schema() || '.claim'))");
        }
        List<Ranked> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(claimLimitedSql)) {
          List<String> tenants = new ArrayList<>(request.tenantLimits().keySet());
          Integer[] limits = tenants.stream().map(request.tenantLimits()::get).toArray(Integer[]::new);
          // A window full of one tenant's backlog yields only that tenant's remaining slots. The
          // next pass runs in the same transaction, so it counts what this one claimed, skips the
          // tenants now full and reaches the jobs behind them. Bounded: each pass fills a tenant.
          for (int pass = 0; pass < MAX_TENANT_PASSES && claimed.size() < request.limit(); pass++) {
            int want = request.limit() - claimed.size();
            int p = 1;
            ps.setArray(p++, c.createArrayOf("text", tenants.toArray(String[]::new)));
            ps.setArray(p++, c.createArrayOf("int4", limits));
            ps.setInt(p++, request.defaultTenantLimit());
            p = bindCandidates(c, ps, p, request, now, window);
            ps.setInt(p++, request.defaultTenantLimit());
            bindClaimTail(ps, p, request, now, leaseEnd, want);
            ClaimBatch batch = readClaimed(ps);
            claimed.addAll(batch.jobs());
            if (batch.jobs().isEmpty() || batch.seen() < window) {
              break; // nothing left behind the window
            }
          }
        }
        c.commit();
        return inClaimOrder(claimed);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw PostgresStoreException.of("claim by " + request.workerId(), e);
    }
  }

  private static int bindCandidates(Connection c, PreparedStatement ps, int p, ClaimRequest r,
      OffsetDateTime now, int window) throws SQLException {
    ps.setArray(p++, c.createArrayOf("text", r.queues().stream().sorted().toArray(String[]::new)));
    ps.setObject(p++, now);
    ps.setArray(p++, c.createArrayOf("text", r.types().toArray(String[]::new)));
    ps.setInt(p++, window);
    return p;
  }

  private static void bindClaimTail(PreparedStatement ps, int p, ClaimRequest r, OffsetDateTime now,
      OffsetDateTime leaseEnd, int limit) throws SQLException {
    ps.setInt(p++, limit);
    ps.setObject(p++, now);
    ps.setString(p++, r.workerId());
    ps.setObject(p, leaseEnd);
  }

  /** A claimed job with the priority it was claimed at, so a batch can be handed out in claim order. */
  private record Ranked(ClaimedJob job, int priority) {}

  private record ClaimBatch(List<Ranked> jobs, long seen) {}

  // RETURNING order is unspecified; workers get jobs in claim order.
  private static final Comparator<Ranked> CLAIM_ORDER = Comparator.comparingInt(Ranked::priority)
      .thenComparing((Ranked r) -> r.job().runAt())
      .thenComparingLong(r -> r.job().id());

  private static ClaimBatch readClaimed(PreparedStatement ps) throws SQLException {
    List<Ranked> jobs = new ArrayList<>();
    long seen = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        jobs.add(new Ranked(new ClaimedJob(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getInt(6), rs.getInt(7), Duration.ofMillis(rs.getLong(8)), instant(rs, 9),
            instant(rs, 10)), rs.getInt(11)));
        seen = rs.getLong(12);
      }
    }
    return new ClaimBatch(jobs, seen);
  }

  private static List<ClaimedJob> inClaimOrder(List<Ranked> rows) {
    List<Ranked> sorted = new ArrayList<>(rows);
    sorted.sort(CLAIM_ORDER);
    List<ClaimedJob> out = new ArrayList<>(sorted.size());
    for (Ranked r : sorted) {
      out.add(r.job());
    }
    return out;
  }

  // ---------------------------------------------------------------- heartbeat

  @Override
  public HeartbeatResult heartbeat(String workerId, Map<Long, Integer> attempts, Instant leaseExpiresAt,
      Map<Long, Double> progress) {
    return traced("heartbeat", attempts.size(), () -> {
      synchronized (serialFor(workerId)) {
        return doHeartbeat(workerId, attempts, leaseExpiresAt, progress);
      }
    });
  }

  private HeartbeatResult doHeartbeat(String workerId, Map<Long, Integer> attempts, Instant leaseExpiresAt,
      Map<Long, Double> progress) {
    if (attempts.isEmpty()) {
      return new HeartbeatResult(Set.of(), Set.of(), Set.of());
    }
    int n = attempts.size();
    Long[] ids = new Long[n];
    Integer[] att = new Integer[n];
    Double[] prog = new Double[n];
    int i = 0;
    for (Map.Entry<Long, Integer> e : attempts.entrySet()) {
      ids[i] = e.getKey();
      att[i] = e.getValue();
      prog[i] = progress.get(e.getKey());
      i++;
    }
    Set<Long> renewed = new HashSet<>();
    Set<Long> cancel = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "WITH" + LOCKED_INPUT.replace("$INPUT",
                    "SELECT * FROM unnest(?::bigint[], ?::int[], ?::float8[]) AS h(id, attempt, progress)")
                + " UPDATE ogf_jobs j SET lease_expires_at = ?, progress = coalesce(h.progress, j.progress)"
                + " FROM locked h WHERE j.id = h.id"
                + " RETURNING j.id, j.cancel_requested")) {
      ps.setArray(1, c.createArrayOf("int8", ids));
      ps.setArray(2, c.createArrayOf("int4", att));
      ps.setArray(3, c.createArrayOf("float8", prog));
      ps.setString(4, workerId);
      ps.setObject(5, odt(leaseExpiresAt));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          renewed.add(rs.getLong(1));
          if (rs.getBoolean(2)) {
            cancel.add(rs.getLong(1));
          }
        }
      }
    } catch (SQLException e) {
      throw PostgresStoreException.of("heartbeat of " + n + " jobs by " + workerId, e);
    }
    Set<Long> lost = new HashSet<>(attempts.keySet());
    lost.removeAll(renewed);
    return new HeartbeatResult(renewed, lost, cancel);
  }

  // ---------------------------------------------------------------- complete

  private String completeSql() {
    // All outcomes of a batch in one UPDATE, fenced by worker and attempt so a worker that lost its
    // lease cannot touch the job's newer attempt.
    return "WITH" + LOCKED_INPUT.replace("$INPUT",
            "SELECT * FROM unnest(?::bigint[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[])"
            + " AS c(id, attempt, outcome, at, retry_at, error, progress)") + ","
        + " upd AS (UPDATE ogf_jobs j SET"
        + "   status = CASE c.outcome WHEN 'SUCCEEDED' THEN 'succeeded' WHEN 'RETRY' THEN 'retrying'"
        + "     WHEN 'DEAD' THEN 'dead' WHEN 'CANCELLED' THEN 'cancelled' ELSE 'available' END,"
        // A release (graceful shutdown) gives the attempt back: it never ran to an outcome.
        + "   attempt = CASE WHEN c.outcome = 'RELEASED' THEN j.attempt - 1 ELSE j.attempt END,"
        + "   run_at = CASE WHEN c.outcome = 'RETRY' THEN c.retry_at::timestamptz ELSE j.run_at END,"
        + "   finished_at = CASE WHEN c.outcome IN ('SUCCEEDED', 'DEAD', 'CANCELLED')"
        + "     THEN c.at::timestamptz END,"
        + "   lease_owner = NULL, lease_expires_at = NULL,"
        + "   cancel_requested = CASE WHEN c.outcome = 'RELEASED' THEN j.cancel_requested ELSE false END,"
        + "   progress = coalesce(c.progress, j.progress),"
        + "   errors = CASE WHEN c.error IS NULL THEN j.errors ELSE j.errors || jsonb_build_array("
        + "     jsonb_build_object('attempt', c.attempt, 'at', c.at, 'workerId', ?::text, 'message', c.error)) END"
        + " FROM locked c WHERE j.id = c.id"
        + " RETURNING j.id, j.queue, (c.outcome = 'RELEASED'"
        + "   OR (c.outcome = 'RETRY' AND c.retry_at::timestamptz <= c.at::timestamptz)) AS wake)"
        + " SELECT u.id, (SELECT count(pg_notify('" + channel + "', x.queue))"
        + "   FROM (SELECT DISTINCT queue FROM upd WHERE wake) x) FROM upd u";
  }

  /**
   * The common batch, every job succeeded and none reported progress, without {@link
   * #LOCKED_INPUT}'s row locks: locking a row costs a WAL record and a page write of its own, a
   * third of a completion. The fence moves into the UPDATE's WHERE, which PostgreSQL re-checks on
   * the newest row version if another transaction changed the row meanwhile, so it cannot go
   * stale. Each job's attempt and finish time come from one JSON object keyed by id (a jsonb
   * lookup is a binary search), not from a join with the input, whose plans walked the batch once
   * per row. Without the lock step the UPDATE locks rows in whatever order its plan visits them (a
   * small table gets a sequential scan), so it could deadlock with the same worker's heartbeat,
   * which locks in id order; the store therefore runs a worker's heartbeats and lock-free
   * completions one at a time ({@link #workerSerial}). Found by {@code
   * heartbeatsAndCompletionsOfOneWorkerNeverDeadlock}. Different workers' statements fence on
   * different lease owners and lock disjoint rows.
   */
  private static String completeSucceededSql(String commitMode) {
    return "WITH batch AS MATERIALIZED (SELECT ?::jsonb AS doc)," + commitMode
        + " UPDATE ogf_jobs j SET status = 'succeeded', finished_at = (b.doc -> j.id::text ->> 1)::timestamptz,"
        + "   lease_owner = NULL, lease_expires_at = NULL, cancel_requested = false"
        + " FROM batch b WHERE j.id = ANY(?::bigint[]) AND j.lease_owner = ?"
        + "   AND j.attempt = (b.doc -> j.id::text ->> 0)::int"
        + " RETURNING j.id, (SELECT setting FROM commit_mode)";
  }

  private Object serialFor(String workerId) {
    return workerSerial[workerId.hashCode() & (workerSerial.length - 1)];
  }

  private static boolean plainSuccesses(List<Completion> completions) {
    for (Completion x : completions) {
      if (x.outcome() != Completion.Outcome.SUCCEEDED || x.error() != null || x.progress() != null) {
        return false;
      }
    }
    return true;
  }

  /** {"id": [attempt, "finished at"], ...}: ids and instants need no JSON escaping. */
  private static String attemptsAndTimes(List<Completion> completions) {
    StringBuilder sb = new StringBuilder(completions.size() * 48).append('{');
    for (Completion x : completions) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append('"').append(x.id()).append("\":[").append(x.attempt()).append(",\"").append(x.at()).append("\"]");
    }
    return sb.append('}').toString();
  }

  @Override
  public Set<Long> complete(String workerId, List<Completion> completions) {
    return traced("complete", completions.size(), () -> doComplete(workerId, completions));
  }

  private Set<Long> doComplete(String workerId, List<Completion> completions) {
    if (completions.isEmpty()) {
      return Set.of();
    }
    int n = completions.size();
    if (plainSuccesses(completions)) {
      synchronized (serialFor(workerId)) {
        return completeSucceeded(workerId, completions);
      }
    }
    Long[] ids = new Long[n];
    Integer[] att = new Integer[n];
    String[] outcome = new String[n];
    String[] at = new String[n];
    String[] retryAt = new String[n];
    String[] error = new String[n];
    Double[] prog = new Double[n];
    for (int i = 0; i < n; i++) {
      Completion x = completions.get(i);
      ids[i] = x.id();
      att[i] = x.attempt();
      outcome[i] = x.outcome().name();
      at[i] = x.at().toString();
      Instant r = x.retryAt();
      retryAt[i] = r == null ? null : r.toString();
      error[i] = x.error();
      prog[i] = x.progress();
    }
    Set<Long> applied;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(completeSql)) {
      int p = 1;
      ps.setArray(p++, c.createArrayOf("int8", ids));
      ps.setArray(p++, c.createArrayOf("int4", att));
      ps.setArray(p++, c.createArrayOf("text", outcome));
      ps.setArray(p++, c.createArrayOf("text", at));
      ps.setArray(p++, c.createArrayOf("text", retryAt));
      ps.setArray(p++, c.createArrayOf("text", error));
      ps.setArray(p++, c.createArrayOf("float8", prog));
      ps.setString(p++, workerId);
      ps.setString(p, workerId);
      applied = firstColumnIds(ps);
    } catch (SQLException e) {
      throw PostgresStoreException.of("completion of " + n + " jobs by " + workerId, e);
    }
    return notApplied(completions, applied);
  }

  private Set<Long> completeSucceeded(String workerId, List<Completion> completions) {
    int n = completions.size();
    Long[] ids = new Long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = completions.get(i).id();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(completeSucceededSql)) {
      ps.setString(1, attemptsAndTimes(completions));
      ps.setArray(2, c.createArrayOf("int8", ids));
      ps.setString(3, workerId);
      return notApplied(completions, firstColumnIds(ps));
    } catch (SQLException e) {
      throw PostgresStoreException.of("completion of " + n + " jobs by " + workerId, e);
    }
  }

  private static Set<Long> firstColumnIds(PreparedStatement ps) throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static Set<Long> notApplied(List<Completion> completions, Set<Long> applied) {
    Set<Long> ignored = new LinkedHashSet<>();
    for (Completion x : completions) {
      if (!applied.contains(x.id())) {
        ignored.add(x.id());
      }
    }
    return ignored;
  }

  // ---------------------------------------------------------------- rescue

  private String rescueSql() {
    return "WITH expired AS MATERIALIZED (SELECT id FROM ogf_jobs"
        + "   WHERE status = 'running' AND lease_expires_at < ?"
        + "   ORDER BY lease_expires_at LIMIT ? FOR UPDATE SKIP LOCKED),"
        + " upd AS (UPDATE ogf_jobs j SET"
        // A job whose cancellation was requested is not run again just because its worker died.
        + "   status = CASE WHEN j.cancel_requested THEN 'cancelled'"
        + "     WHEN j.attempt >= j.max_attempts THEN 'dead' ELSE 'available' END,"
        + "   finished_at = CASE WHEN j.cancel_requested OR j.attempt >= j.max_attempts THEN ?::timestamptz END,"
        + "   lease_owner = NULL, lease_expires_at = NULL,"
        + "   errors = j.errors || jsonb_build_array(jsonb_build_object('attempt', j.attempt, 'at', ?::text,"
        + "     'workerId', j.lease_owner, 'message', '" + LEASE_EXPIRED + "'))"
        + "   WHERE j.id = ANY(ARRAY(SELECT id FROM expired)) RETURNING j.queue, j.status)"
        + " SELECT count(*), (SELECT count(pg_notify('" + channel + "', x.queue))"
        + "   FROM (SELECT DISTINCT queue FROM upd WHERE status = 'available') x) FROM upd";
  }

  @Override
  public int rescueExpired(Instant now) {
    return traced("rescue", 0, () -> doRescueExpired(now));
  }

  private int doRescueExpired(Instant now) {
    int total = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(rescueSql)) {
      while (true) {
        ps.setObject(1, odt(now));
        ps.setInt(2, rescueBatchSize);
        ps.setObject(3, odt(now));
        ps.setString(4, now.toString());
        int rescued;
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          rescued = rs.getInt(1);
        }
        total += rescued;
        if (rescued < rescueBatchSize) {
          return total;
        }
      }
    } catch (SQLException e) {
      throw PostgresStoreException.of("rescue of expired leases", e);
    }
  }

  // ---------------------------------------------------------------- cancel, find, query

  @Override
  public boolean cancel(String tenantId, long id, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE ogf_jobs SET"
                + " status = CASE WHEN status = 'running' THEN 'running' ELSE 'cancelled' END,"
                + " cancel_requested = true,"
                + " finished_at = CASE WHEN status = 'running' THEN NULL ELSE ?::timestamptz END"
                + " WHERE tenant_id = ? AND id = ? AND status NOT IN ('succeeded', 'dead', 'cancelled')")) {
      ps.setObject(1, odt(now));
      ps.setString(2, tenantId);
      ps.setLong(3, id);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw PostgresStoreException.of("cancel of job " + id + " for tenant " + tenantId, e);
    }
  }

  @Override
  public Optional<JobRecord> find(String tenantId, long id) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT " + COLUMNS + " FROM ogf_jobs WHERE tenant_id = ? AND id = ?")) {
      ps.setString(1, tenantId);
      ps.setLong(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(record(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw PostgresStoreException.of("find of job " + id + " for tenant " + tenantId, e);
    }
  }

  /** A history query's statement and its arguments in order; the plan test explains the same text. */
  record HistoryQuery(String sql, List<Object> args) {}

  static HistoryQuery historyQuery(JobQuery q) {
    // Two branches, each on its own index: ogf_jobs_history_idx leaves running rows out (a claim
    // then writes no history entry; see V2), and ogf_jobs_running_idx holds those few.
    StringBuilder filters = new StringBuilder(" AND tenant_id = ?");
    List<Object> filterArgs = new ArrayList<>();
    filterArgs.add(q.tenantId());
    if (q.type() != null) {
      filters.append(" AND type = ?");
      filterArgs.add(q.type());
    }
    if (!q.statuses().isEmpty()) {
      filters.append(" AND status = ANY(?::text[])");
      filterArgs.add(q.statuses().stream().map(PostgresJobStore::dbStatus).toArray(String[]::new));
    }
    if (q.createdAfter() != null) {
      filters.append(" AND created_at >= ?");
      filterArgs.add(odt(q.createdAfter()));
    }
    if (q.createdBefore() != null) {
      filters.append(" AND created_at < ?");
      filterArgs.add(odt(q.createdBefore()));
    }
    String newestFirst = " ORDER BY created_at DESC, id DESC LIMIT ?";
    String sql = "SELECT " + COLUMNS + " FROM ("
        + "(SELECT " + COLUMNS + " FROM ogf_jobs WHERE status <> 'running'" + filters + newestFirst + ")"
        + " UNION ALL "
        + "(SELECT " + COLUMNS + " FROM ogf_jobs WHERE status = 'running'" + filters + newestFirst + ")"
        + ") h" + newestFirst;
    List<Object> args = new ArrayList<>(filterArgs);
    args.add(q.limit());
    args.addAll(filterArgs);
    args.add(q.limit());
    args.add(q.limit());
    return new HistoryQuery(sql, args);
  }

  @Override
  public List<JobRecord> query(JobQuery q) {
    HistoryQuery h = historyQuery(q);
    List<Object> args = h.args();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(h.sql())) {
      for (int i = 0; i < args.size(); i++) {
        Object a = args.get(i);
        if (a instanceof String[] arr) {
          ps.setArray(i + 1, c.createArrayOf("text", arr));
        } else {
          ps.setObject(i + 1, a);
        }
      }
      List<JobRecord> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(record(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw PostgresStoreException.of("history query for tenant " + q.tenantId(), e);
    }
  }

  // ---------------------------------------------------------------- purge, stats

  @Override
  public long purge(Instant finishedBefore, Collection<JobStatus> statuses) {
    for (JobStatus s : statuses) {
      if (!s.isFinal()) {
        throw new IllegalArgumentException("purge deletes final jobs only; " + s
            + " is not final (use SUCCEEDED, DEAD or CANCELLED)");
      }
    }
    if (statuses.isEmpty()) {
      return 0;
    }
    String[] st = statuses.stream().map(PostgresJobStore::dbStatus).distinct().toArray(String[]::new);
    long total = 0;
    // Chunks keep each transaction short: a purge of millions of rows never holds locks for long
    // or bloats one transaction's WAL.
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "WITH doomed AS (SELECT id FROM ogf_jobs WHERE status = ANY(?::text[]) AND finished_at < ?"
                + "   AND status IN ('succeeded', 'dead', 'cancelled') LIMIT ?)"
                + " DELETE FROM ogf_jobs j WHERE j.id = ANY(ARRAY(SELECT id FROM doomed))")) {
      while (true) {
        ps.setArray(1, c.createArrayOf("text", st));
        ps.setObject(2, odt(finishedBefore));
        ps.setInt(3, purgeBatchSize);
        int deleted = ps.executeUpdate();
        total += deleted;
        if (deleted < purgeBatchSize) {
          return total;
        }
      }
    } catch (SQLException e) {
      throw PostgresStoreException.of("purge of jobs finished before " + finishedBefore, e);
    }
  }

  @Override
  public List<QueueStats> stats(Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT queue,"
                + " count(*) FILTER (WHERE status IN " + CLAIMABLE + " AND run_at <= ?),"
                + " count(*) FILTER (WHERE status = 'running'),"
                + " min(run_at) FILTER (WHERE status IN " + CLAIMABLE + " AND run_at <= ?)"
                + " FROM ogf_jobs WHERE status IN ('scheduled', 'available', 'retrying', 'running')"
                + " GROUP BY queue ORDER BY queue")) {
      ps.setObject(1, odt(now));
      ps.setObject(2, odt(now));
      List<QueueStats> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          OffsetDateTime oldest = rs.getObject(4, OffsetDateTime.class);
          Duration lag = oldest == null ? Duration.ZERO : Duration.between(oldest.toInstant(), now);
          out.add(new QueueStats(rs.getString(1), rs.getLong(2), rs.getLong(3),
              lag.isNegative() ? Duration.ZERO : lag));
        }
      }
      return out;
    } catch (SQLException e) {
      throw PostgresStoreException.of("queue statistics", e);
    }
  }

  // ---------------------------------------------------------------- notifications

  @Override
  public AutoCloseable onJobsAvailable(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    synchronized (listenerLock) {
      if (closed) {
        throw new IllegalStateException("store is closed");
      }
      callbacks.add(callback);
      if (listener == null) {
        NotificationListener l = new NotificationListener(dataSource, channel, reconnectDelay, callbacks);
        listener = l;
        l.start();
      }
    }
    return () -> unsubscribe(callback);
  }

  private void unsubscribe(Runnable callback) {
    NotificationListener stop = null;
    synchronized (listenerLock) {
      callbacks.remove(callback);
      if (callbacks.isEmpty() && listener != null) {
        // Nobody listens: give the dedicated connection back.
        stop = listener;
        listener = null;
      }
    }
    if (stop != null) {
      stop.close();
    }
  }

  /** Stops the notification listener, if running. The data source is the host's and stays open. */
  @Override
  public void close() {
    NotificationListener stop;
    synchronized (listenerLock) {
      closed = true;
      callbacks.clear();
      stop = listener;
      listener = null;
    }
    if (stop != null) {
      stop.close();
    }
  }

  // ---------------------------------------------------------------- telemetry

  /**
   * Runs one store operation inside a CLIENT span ({@code offgridflow.jobs.store <op>}) carrying
   * the batch size, so a trace shows how long each round trip to PostgreSQL took and for how many
   * jobs. With the default no-op OpenTelemetry this costs nothing measurable.
   */
  private <T> T traced(String op, int batchSize, Supplier<T> call) {
    Span span = tracer.spanBuilder("offgridflow.jobs.store " + op)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(DB_SYSTEM, "postgresql")
        .setAttribute(BATCH_SIZE, batchSize)
        .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return call.get();
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }

  // ---------------------------------------------------------------- mapping

  private JobRecord record(ResultSet rs) throws SQLException {
    Double progress = rs.getDouble("progress");
    if (rs.wasNull()) {
      progress = null;
    }
    return new JobRecord(
        rs.getLong("id"),
        rs.getString("tenant_id"),
        rs.getString("type"),
        rs.getString("queue"),
        rs.getString("payload"),
        JobStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
        rs.getInt("priority"),
        rs.getInt("attempt"),
        rs.getInt("max_attempts"),
        Duration.ofMillis(rs.getLong("timeout_ms")),
        instant(rs, "run_at"),
        instant(rs, "created_at"),
        nullableInstant(rs, "started_at"),
        nullableInstant(rs, "finished_at"),
        rs.getString("unique_key"),
        rs.getString("lease_owner"),
        nullableInstant(rs, "lease_expires_at"),
        progress,
        errors(rs.getLong("id"), rs.getString("errors")));
  }

  private List<AttemptError> errors(long id, String text) {
    try {
      JsonNode arr = json.readTree(text);
      List<AttemptError> out = new ArrayList<>(arr.size());
      for (JsonNode e : arr) {
        out.add(new AttemptError(e.path("attempt").asInt(), Instant.parse(e.path("at").asText()),
            e.path("workerId").asText(""), e.path("message").asText("")));
      }
      return out;
    } catch (JsonProcessingException | RuntimeException e) {
      throw new PostgresStoreException(PostgresStoreErrorCode.STORE_FAILURE,
          "job " + id + " has an unreadable errors column: " + text, e);
    }
  }

  private static String dbStatus(JobStatus s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  private static OffsetDateTime odt(Instant i) {
    return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    return rs.getObject(col, OffsetDateTime.class).toInstant();
  }

  private static Instant instant(ResultSet rs, String col) throws SQLException {
    return rs.getObject(col, OffsetDateTime.class).toInstant();
  }

  private static @Nullable Instant nullableInstant(ResultSet rs, String col) throws SQLException {
    OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /**
   * Configures a {@link PostgresJobStore}.
   *
   * <pre>{@code
   * PostgresJobStore.builder().dataSource(pool).channel("billing_jobs").build();
   * }</pre>
   */
  public static final class Builder {
    private @Nullable DataSource dataSource;
    private String channel = "offgridflow_jobs";
    private Duration reconnectDelay = Duration.ofSeconds(1);
    private int rescueBatchSize = 1_000;
    private int purgeBatchSize = 5_000;
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private boolean synchronousCommit;

    private Builder() {}

    /** Where store spans go (one CLIENT span per batch operation); default no-op. */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      return this;
    }

    /** Required: where the job tables live (a connection pool in production). */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /**
     * The LISTEN/NOTIFY channel (default {@code offgridflow_jobs}). Channels are database-wide:
     * give each job schema in one database its own so their workers do not wake each other.
     */
    public Builder channel(String channel) {
      this.channel = channel;
      return this;
    }

    /** How long the listener waits before reconnecting after losing its connection (default 1 s). */
    public Builder listenerReconnectDelay(Duration delay) {
      this.reconnectDelay = delay;
      return this;
    }

    /** Expired leases rescued per statement (default 1,000). */
    public Builder rescueBatchSize(int size) {
      this.rescueBatchSize = size;
      return this;
    }

    /**
     * Whether claims and completions wait for their commit to reach disk (default false: they do
     * not, which drains about a tenth faster on the development machine). With false, a PostgreSQL
     * crash can undo the last fraction of a second of claims and completions; the jobs concerned
     * run again, as after a worker crash, and none is lost. Set true where a job must not run again
     * even after a database crash. Enqueues and cancels always commit synchronously.
     */
    public Builder synchronousCommit(boolean synchronous) {
      this.synchronousCommit = synchronous;
      return this;
    }

    /** Rows deleted per purge statement (default 5,000). */
    public Builder purgeBatchSize(int size) {
      this.purgeBatchSize = size;
      return this;
    }

    public PostgresJobStore build() {
      if (dataSource == null) {
        throw new IllegalStateException("PostgresJobStore needs a dataSource");
      }
      if (!IDENTIFIER.matcher(channel).matches()) {
        // The channel is spliced into LISTEN and pg_notify text, so only plain identifiers pass.
        throw new IllegalArgumentException("channel must match " + IDENTIFIER.pattern() + ", was '" + channel + "'");
      }
      if (reconnectDelay.isNegative() || rescueBatchSize < 1 || purgeBatchSize < 1) {
        throw new IllegalArgumentException("reconnect delay must be >= 0 and batch sizes >= 1");
      }
      return new PostgresJobStore(this);
    }
  }
}
