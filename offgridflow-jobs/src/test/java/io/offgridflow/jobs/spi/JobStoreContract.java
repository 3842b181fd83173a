package io.offgridflow.jobs.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.jobs.AttemptError;
import io.offgridflow.jobs.JobQuery;
import io.offgridflow.jobs.JobRecord;
import io.offgridflow.jobs.JobStatus;
import io.offgridflow.jobs.spi.Completion.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
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
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link JobStore} meets: the in-memory store, the PostgreSQL store and a host's
 * own. Extend it and return a fresh, empty store from {@link #newStore()}; it ships in this module's
 * test jar ({@code <classifier>tests</classifier>}).
 *
 * <p>Time never comes from a clock here: every call is given an instant derived from {@link #T0}, so
 * lease expiry, backoff and scheduling are tested without sleeping. Instants are whole milliseconds
 * so that stores with microsecond precision (PostgreSQL) round-trip them exactly.
 *
 * <pre>{@code
 * class MyStoreTest extends JobStoreContract {
 *   @Override protected JobStore newStore() { return new MyStore(freshDatabase()); }
 * }
 * }</pre>
 */
public abstract class JobStoreContract {

  /** The contract's "now" at the start of each test. */
  protected static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  protected static final Duration LEASE = Duration.ofSeconds(30);
  protected static final String W1 = "worker-1";
  protected static final String W2 = "worker-2";

  protected JobStore store;

  /** A fresh, empty store; called before every test. */
  protected abstract JobStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  // ---- helpers -----------------------------------------------------------------------------

  /** A job builder with contract defaults: queue {@code default}, due at T0, 3 attempts. */
  protected static J job(String tenant, String type) {
    return new J(tenant, type);
  }

  /** Mutable recipe for a {@link NewJob}. */
  protected static final class J {
    String tenant;
    String type;
    String queue = "default";
    String payload = "{\"n\":1}";
    Instant createdAt = T0;
    Instant runAt = T0;
    int priority;
    int maxAttempts = 3;
    Duration timeout = Duration.ofMinutes(5);
    @Nullable String uniqueKey;

    J(String tenant, String type) {
      this.tenant = tenant;
      this.type = type;
    }

    public J queue(String q) {
      this.queue = q;
      return this;
    }

    public J payload(String p) {
      this.payload = p;
      return this;
    }

    public J createdAt(Instant t) {
      // Enqueued at t and due at once, unless runAt is set after this.
      this.createdAt = t;
      this.runAt = t;
      return this;
    }

    public J runAt(Instant t) {
      this.runAt = t;
      return this;
    }

    public J priority(int p) {
      this.priority = p;
      return this;
    }

    public J maxAttempts(int m) {
      this.maxAttempts = m;
      return this;
    }

    public J unique(String key) {
      this.uniqueKey = key;
      return this;
    }

    public NewJob build() {
      return new NewJob(tenant, type, queue, payload, runAt, priority, maxAttempts, timeout, uniqueKey, createdAt);
    }
  }

  protected long enqueue(J j) {
    List<EnqueueOutcome> out = store.enqueue(List.of(j.build()));
    assertThat(out).hasSize(1);
    return out.get(0).id();
  }

  protected static ClaimRequest claimReq(String worker, int limit, Instant now) {
    return new ClaimRequest(worker, Set.of("default"), Set.of("t"), limit, now, LEASE, Integer.MAX_VALUE, Map.of());
  }

  protected List<ClaimedJob> claim(String worker, int limit, Instant now) {
    return store.claim(claimReq(worker, limit, now));
  }

  protected static List<Long> ids(List<ClaimedJob> jobs) {
    return jobs.stream().map(ClaimedJob::id).toList();
  }

  protected JobRecord get(String tenant, long id) {
    return store.find(tenant, id).orElseThrow(() -> new AssertionError("job " + id + " not found"));
  }

  protected static Completion done(ClaimedJob j, Outcome outcome, Instant at) {
    Instant retryAt = outcome == Outcome.RETRY ? at.plusSeconds(60) : null;
    String error = outcome == Outcome.SUCCEEDED || outcome == Outcome.RELEASED ? null : "boom " + outcome;
    return new Completion(j.id(), j.attempt(), outcome, at, retryAt, error, null);
  }

  // ---- enqueue and unique keys -------------------------------------------------------------

  @Test
  void enqueueStoresTheJobAsGivenAndDueJobsAreAvailable() {
    long due = enqueue(job("acme", "t").payload("{\"a\":[1,2]}").priority(-3).maxAttempts(7));
    long later = enqueue(job("acme", "t").runAt(T0.plusSeconds(60)));

    JobRecord r = get("acme", due);
    assertThat(r.id()).isEqualTo(due);
    assertThat(r.tenantId()).isEqualTo("acme");
    assertThat(r.type()).isEqualTo("t");
    assertThat(r.queue()).isEqualTo("default");
    assertThat(r.payload()).isEqualTo("{\"a\":[1,2]}");
    assertThat(r.status()).isEqualTo(JobStatus.AVAILABLE);
    assertThat(r.priority()).isEqualTo(-3);
    assertThat(r.attempt()).isZero();
    assertThat(r.maxAttempts()).isEqualTo(7);
    assertThat(r.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(r.runAt()).isEqualTo(T0);
    assertThat(r.createdAt()).isEqualTo(T0);
    assertThat(r.startedAt()).isNull();
    assertThat(r.finishedAt()).isNull();
    assertThat(r.leaseOwner()).isNull();
    assertThat(r.errors()).isEmpty();
    assertThat(get("acme", later).status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(later).isNotEqualTo(due);
  }

  @Test
  void batchEnqueueReturnsOutcomesInInputOrder() {
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(job("acme", "t").payload("{\"i\":" + i + "}").build());
    }
    List<EnqueueOutcome> out = store.enqueue(batch);
    assertThat(out).hasSize(50).allMatch(EnqueueOutcome::inserted);
    assertThat(out.stream().map(EnqueueOutcome::id).distinct()).hasSize(50);
    for (int i = 0; i < 50; i++) {
      assertThat(get("acme", out.get(i).id()).payload()).isEqualTo("{\"i\":" + i + "}");
    }
  }

  @Test
  void uniqueKeyDedupesWithinATenantButNotAcrossTenants() {
    List<EnqueueOutcome> first = store.enqueue(List.of(job("acme", "t").unique("k1").build()));
    List<EnqueueOutcome> again = store.enqueue(List.of(job("acme", "t").unique("k1").payload("{\"n\":2}").build()));
    List<EnqueueOutcome> other = store.enqueue(List.of(job("globex", "t").unique("k1").build()));

    assertThat(first.get(0).inserted()).isTrue();
    assertThat(again.get(0)).isEqualTo(new EnqueueOutcome(first.get(0).id(), false));
    assertThat(get("acme", first.get(0).id()).payload()).isEqualTo("{\"n\":1}");
    assertThat(other.get(0).inserted()).isTrue();
    assertThat(other.get(0).id()).isNotEqualTo(first.get(0).id());
    assertThat(get("globex", other.get(0).id()).uniqueKey()).isEqualTo("k1");
  }

  @Test
  void uniqueKeyDedupesWithinOneBatch() {
    List<EnqueueOutcome> out = store.enqueue(List.of(
        job("acme", "t").unique("k").build(),
        job("acme", "t").build(),
        job("acme", "t").unique("k").build()));
    assertThat(out.get(0).inserted()).isTrue();
    assertThat(out.get(1).inserted()).isTrue();
    assertThat(out.get(2)).isEqualTo(new EnqueueOutcome(out.get(0).id(), false));
    assertThat(store.query(JobQuery.forTenant("acme").build())).hasSize(2);
  }

  @Test
  void uniqueKeyHoldsAfterTheJobFinishesUntilPurged() {
    long id = enqueue(job("acme", "t").unique("k"));
    ClaimedJob c = claim(W1, 1, T0).get(0);
    assertThat(store.complete(W1, List.of(done(c, Outcome.SUCCEEDED, T0.plusSeconds(1))))).isEmpty();

    assertThat(store.enqueue(List.of(job("acme", "t").unique("k").build())).get(0))
        .isEqualTo(new EnqueueOutcome(id, false));
    store.purge(T0.plusSeconds(2), Set.of(JobStatus.SUCCEEDED));
    assertThat(store.enqueue(List.of(job("acme", "t").unique("k").build())).get(0).inserted()).isTrue();
  }

  // ---- claiming ----------------------------------------------------------------------------

  @Test
  void claimOrdersByPriorityThenRunAtThenId() {
    long lowLate = enqueue(job("acme", "t").priority(5).runAt(T0.minusSeconds(1)));
    long normalB = enqueue(job("acme", "t").runAt(T0.minusSeconds(5)));
    long normalA = enqueue(job("acme", "t").runAt(T0.minusSeconds(10)));
    long normalB2 = enqueue(job("acme", "t").runAt(T0.minusSeconds(5)));
    long urgent = enqueue(job("acme", "t").priority(-1).runAt(T0));

    List<ClaimedJob> first = claim(W1, 3, T0);
    List<ClaimedJob> rest = claim(W1, 10, T0);

    assertThat(ids(first)).containsExactlyInAnyOrder(urgent, normalA, normalB);
    assertThat(ids(rest)).containsExactlyInAnyOrder(normalB2, lowLate);
    // Within one batch the order is not part of the contract; across batches it is.
    assertThat(claim(W1, 10, T0)).isEmpty();
  }

  @Test
  void oneClaimAtATimeFollowsTheOrderExactly() {
    long lowLate = enqueue(job("acme", "t").priority(5).runAt(T0.minusSeconds(1)));
    long normalB = enqueue(job("acme", "t").runAt(T0.minusSeconds(5)));
    long normalA = enqueue(job("acme", "t").runAt(T0.minusSeconds(10)));
    long normalB2 = enqueue(job("acme", "t").runAt(T0.minusSeconds(5)));
    long urgent = enqueue(job("acme", "t").priority(-1).runAt(T0));

    List<Long> order = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      order.addAll(ids(claim(W1, 1, T0)));
    }
    assertThat(order).containsExactly(urgent, normalA, normalB, normalB2, lowLate);
  }

  @Test
  void jobsAreNotClaimableBeforeTheirRunAt() {
    long id = enqueue(job("acme", "t").runAt(T0.plusSeconds(60)));
    assertThat(claim(W1, 10, T0.plusSeconds(59))).isEmpty();
    assertThat(get("acme", id).status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(ids(claim(W1, 10, T0.plusSeconds(60)))).containsExactly(id);
  }

  @Test
  void claimTakesOnlyTheRequestedQueuesAndTypes() {
    long a = enqueue(job("acme", "t").queue("default"));
    long b = enqueue(job("acme", "t").queue("reports"));
    long c = enqueue(job("acme", "other").queue("default"));
    long d = enqueue(job("acme", "third").queue("mail"));

    List<ClaimedJob> onlyReports = store.claim(
        new ClaimRequest(W1, Set.of("reports"), Set.of("t", "other"), 10, T0, LEASE, Integer.MAX_VALUE, Map.of()));
    assertThat(ids(onlyReports)).containsExactly(b);
    List<ClaimedJob> onlyT = store.claim(
        new ClaimRequest(W1, Set.of("default", "mail"), Set.of("t"), 10, T0, LEASE, Integer.MAX_VALUE, Map.of()));
    assertThat(ids(onlyT)).containsExactly(a);
    List<ClaimedJob> both = store.claim(new ClaimRequest(
        W1, Set.of("default", "mail"), Set.of("other", "third"), 10, T0, LEASE, Integer.MAX_VALUE, Map.of()));
    assertThat(ids(both)).containsExactlyInAnyOrder(c, d);
  }

  @Test
  void claimRespectsTheLimit() {
    for (int i = 0; i < 7; i++) {
      enqueue(job("acme", "t"));
    }
    assertThat(claim(W1, 3, T0)).hasSize(3);
    assertThat(claim(W1, 3, T0)).hasSize(3);
    assertThat(claim(W1, 3, T0)).hasSize(1);
  }

  @Test
  void claimStartsAnAttemptUnderTheWorkersLease() {
    long id = enqueue(job("acme", "t").payload("{\"x\":true}").maxAttempts(4));
    Instant now = T0.plusSeconds(3);
    ClaimedJob c = claim(W1, 1, now).get(0);

    assertThat(c.id()).isEqualTo(id);
    assertThat(c.tenantId()).isEqualTo("acme");
    assertThat(c.type()).isEqualTo("t");
    assertThat(c.queue()).isEqualTo("default");
    assertThat(c.payload()).isEqualTo("{\"x\":true}");
    assertThat(c.attempt()).isEqualTo(1);
    assertThat(c.maxAttempts()).isEqualTo(4);
    assertThat(c.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.leaseExpiresAt()).isEqualTo(now.plus(LEASE));
    JobRecord r = get("acme", id);
    assertThat(r.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(r.attempt()).isEqualTo(1);
    assertThat(r.leaseOwner()).isEqualTo(W1);
    assertThat(r.leaseExpiresAt()).isEqualTo(now.plus(LEASE));
    assertThat(r.startedAt()).isEqualTo(now);
    assertThat(claim(W2, 10, now)).as("a running job is not claimable").isEmpty();
  }

  @Test
  void eachClaimIncrementsTheAttempt() {
    long id = enqueue(job("acme", "t").maxAttempts(5));
    Instant now = T0;
    for (int attempt = 1; attempt <= 3; attempt++) {
      ClaimedJob c = claim(W1, 1, now).get(0);
      assertThat(c.attempt()).isEqualTo(attempt);
      store.complete(W1, List.of(new Completion(id, attempt, Outcome.RETRY, now, now, "e" + attempt, null)));
      now = now.plusSeconds(1);
    }
    assertThat(get("acme", id).attempt()).isEqualTo(3);
  }

  // ---- tenancy -----------------------------------------------------------------------------

  @Test
  void tenantLimitCountsRunningJobsAcrossClaims() {
    for (int i = 0; i < 5; i++) {
      enqueue(job("acme", "t"));
    }
    ClaimRequest limited =
        new ClaimRequest(W1, Set.of("default"), Set.of("t"), 10, T0, LEASE, 2, Map.of());
    assertThat(store.claim(limited)).hasSize(2);
    assertThat(store.claim(limited)).as("acme already runs its 2").isEmpty();
    assertThat(store.claim(new ClaimRequest(W2, Set.of("default"), Set.of("t"), 10, T0, LEASE, 2, Map.of())))
        .as("the limit spans workers").isEmpty();

    List<ClaimedJob> running = store.query(JobQuery.forTenant("acme").statuses(Set.of(JobStatus.RUNNING)).build())
        .stream().map(r -> new ClaimedJob(r.id(), r.tenantId(), r.type(), r.queue(), r.payload(), r.attempt(),
            r.maxAttempts(), r.timeout(), r.runAt(), r.leaseExpiresAt()))
        .toList();
    store.complete(W1, List.of(done(running.get(0), Outcome.SUCCEEDED, T0)));
    assertThat(store.claim(limited)).as("a finished job frees a slot").hasSize(1);
  }

  @Test
  void tenantLimitOverridesApplyPerTenant() {
    for (int i = 0; i < 5; i++) {
      enqueue(job("acme", "t"));
      enqueue(job("globex", "t"));
    }
    List<ClaimedJob> got = store.claim(
        new ClaimRequest(W1, Set.of("default"), Set.of("t"), 10, T0, LEASE, 1, Map.of("globex", 3)));
    assertThat(got.stream().filter(c -> c.tenantId().equals("acme"))).hasSize(1);
    assertThat(got.stream().filter(c -> c.tenantId().equals("globex"))).hasSize(3);
  }

  @Test
  void oneTenantsBacklogDoesNotStarveAnother() {
    // acme's backlog is older and more urgent: without limits it would fill every claim.
    for (int i = 0; i < 20; i++) {
      enqueue(job("acme", "t").priority(-1).runAt(T0.minusSeconds(100)));
    }
    long globex = enqueue(job("globex", "t"));
    List<ClaimedJob> got = store.claim(
        new ClaimRequest(W1, Set.of("default"), Set.of("t"), 4, T0, LEASE, 3, Map.of()));
    assertThat(got).hasSize(4);
    assertThat(ids(got)).contains(globex);
    assertThat(got.stream().filter(c -> c.tenantId().equals("acme"))).hasSize(3);
  }

  @Test
  void findAndQueryAreTenantScoped() {
    long a = enqueue(job("acme", "t"));
    long g = enqueue(job("globex", "t"));
    assertThat(store.find("globex", a)).isEmpty();
    assertThat(store.find("acme", g)).isEmpty();
    assertThat(store.find("acme", a)).isPresent();
    assertThat(store.find("acme", 987_654_321L)).isEmpty();
    assertThat(store.query(JobQuery.forTenant("acme").build())).extracting(JobRecord::id).containsExactly(a);
    assertThat(store.query(JobQuery.forTenant("nobody").build())).isEmpty();
    assertThat(store.cancel("globex", a, T0)).as("cancel is tenant-scoped").isFalse();
    assertThat(get("acme", a).status()).isEqualTo(JobStatus.AVAILABLE);
  }

  // ---- leases and fencing ------------------------------------------------------------------

  @Test
  void completionFromAnotherWorkerChangesNothingAndIsReported() {
    long id = enqueue(job("acme", "t"));
    ClaimedJob c = claim(W1, 1, T0).get(0);

    Set<Long> rejected = store.complete(W2, List.of(done(c, Outcome.SUCCEEDED, T0.plusSeconds(1))));

    assertThat(rejected).containsExactly(id);
    JobRecord r = get("acme", id);
    assertThat(r.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(r.leaseOwner()).isEqualTo(W1);
    assertThat(r.finishedAt()).isNull();
  }

  @Test
  void completionOfAStaleAttemptChangesNothingAndIsReported() {
    long id = enqueue(job("acme", "t"));
    ClaimedJob first = claim(W1, 1, T0).get(0);
    assertThat(store.rescueExpired(T0.plus(LEASE).plusSeconds(1))).isEqualTo(1);
    ClaimedJob second = claim(W1, 1, T0.plus(LEASE).plusSeconds(2)).get(0);
    assertThat(second.attempt()).isEqualTo(2);

    // The same worker id, a lease it lost: the old attempt's result must not finish the new one.
    Set<Long> rejected = store.complete(W1, List.of(done(first, Outcome.SUCCEEDED, T0.plusSeconds(40))));

    assertThat(rejected).containsExactly(id);
    assertThat(get("acme", id).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(store.complete(W1, List.of(done(second, Outcome.SUCCEEDED, T0.plusSeconds(41))))).isEmpty();
    assertThat(get("acme", id).status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void completionOfAFinishedJobIsReported() {
    long id = enqueue(job("acme", "t"));
    ClaimedJob c = claim(W1, 1, T0).get(0);
    assertThat(store.complete(W1, List.of(done(c, Outcome.SUCCEEDED, T0)))).isEmpty();
    assertThat(store.complete(W1, List.of(done(c, Outcome.DEAD, T0)))).containsExactly(id);
    assertThat(get("acme", id).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(get("acme", id).errors()).isEmpty();
  }

  @Test
  void aBatchOfCompletionsAppliesTheValidOnesAndReportsTheRest() {
    long a = enqueue(job("acme", "t"));
    long b = enqueue(job("acme", "t"));
    long c = enqueue(job("acme", "t"));
    List<ClaimedJob> claimed = claim(W1, 3, T0);
    Map<Long, ClaimedJob> byId = new HashMap<>();
    claimed.forEach(j -> byId.put(j.id(), j));
    ClaimedJob jb = byId.get(b);
    ClaimedJob staleB = new ClaimedJob(jb.id(), jb.tenantId(), jb.type(), jb.queue(), jb.payload(), jb.attempt() + 1,
        jb.maxAttempts(), jb.timeout(), jb.runAt(), jb.leaseExpiresAt());

    Set<Long> rejected = store.complete(W1, List.of(
        done(byId.get(a), Outcome.SUCCEEDED, T0),
        done(staleB, Outcome.SUCCEEDED, T0),
        done(byId.get(c), Outcome.DEAD, T0)));

    assertThat(rejected).containsExactly(b);
    assertThat(get("acme", a).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(get("acme", b).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(get("acme", c).status()).isEqualTo(JobStatus.DEAD);
  }

  @Test
  void aBatchOfSuccessesKeepsEachFinishTimeAndRefusesOnlyTheStaleAttempt() {
    // All successes, nothing else: the PostgreSQL store's lock-free path. Each job keeps its own
    // finish time, and the fence still holds row by row.
    long a = enqueue(job("acme", "t"));
    long b = enqueue(job("acme", "t"));
    long c = enqueue(job("acme", "t"));
    Map<Long, ClaimedJob> byId = new HashMap<>();
    claim(W1, 3, T0).forEach(j -> byId.put(j.id(), j));
    ClaimedJob jb = byId.get(b);
    ClaimedJob staleB = new ClaimedJob(jb.id(), jb.tenantId(), jb.type(), jb.queue(), jb.payload(), jb.attempt() + 1,
        jb.maxAttempts(), jb.timeout(), jb.runAt(), jb.leaseExpiresAt());

    Set<Long> rejected = store.complete(W1, List.of(
        done(byId.get(c), Outcome.SUCCEEDED, T0.plusMillis(3)),
        done(staleB, Outcome.SUCCEEDED, T0.plusMillis(2)),
        done(byId.get(a), Outcome.SUCCEEDED, T0.plusMillis(1))));

    assertThat(rejected).containsExactly(b);
    assertThat(get("acme", a).finishedAt()).isEqualTo(T0.plusMillis(1));
    assertThat(get("acme", c).finishedAt()).isEqualTo(T0.plusMillis(3));
    assertThat(get("acme", a).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(get("acme", c).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(get("acme", b).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(get("acme", b).finishedAt()).isNull();
    assertThat(store.complete(W2, List.of(done(jb, Outcome.SUCCEEDED, T0)))).containsExactly(b);
  }

  @Test
  void heartbeatRenewsHeldLeasesRecordsProgressAndReportsLostOnes() {
    long a = enqueue(job("acme", "t"));
    long b = enqueue(job("acme", "t"));
    Map<Long, ClaimedJob> byId = new HashMap<>();
    claim(W1, 2, T0).forEach(j -> byId.put(j.id(), j));
    Instant renewedUntil = T0.plusSeconds(50);

    HeartbeatResult hb = store.heartbeat(W1, Map.of(a, 1, b, 7, 555_555L, 1), renewedUntil, Map.of(a, 0.25));

    assertThat(hb.renewed()).containsExactly(a);
    assertThat(hb.lost()).containsExactlyInAnyOrder(b, 555_555L);
    assertThat(hb.cancelRequested()).isEmpty();
    JobRecord ra = get("acme", a);
    assertThat(ra.leaseExpiresAt()).isEqualTo(renewedUntil);
    assertThat(ra.progress()).isEqualTo(0.25);
    assertThat(get("acme", b).leaseExpiresAt()).isEqualTo(T0.plus(LEASE));
    // The renewed lease outlives the original expiry; the other does not.
    assertThat(store.rescueExpired(T0.plus(LEASE).plusSeconds(1))).isEqualTo(1);
    assertThat(get("acme", a).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(get("acme", b).status()).isEqualTo(JobStatus.AVAILABLE);
  }

  @Test
  void heartbeatFromAnotherWorkerRenewsNothing() {
    long id = enqueue(job("acme", "t"));
    claim(W1, 1, T0);
    HeartbeatResult hb = store.heartbeat(W2, Map.of(id, 1), T0.plusSeconds(100), Map.of());
    assertThat(hb.renewed()).isEmpty();
    assertThat(hb.lost()).containsExactly(id);
    assertThat(get("acme", id).leaseExpiresAt()).isEqualTo(T0.plus(LEASE));
    assertThat(get("acme", id).leaseOwner()).isEqualTo(W1);
  }

  @Test
  void heartbeatAfterRescueReportsTheLeaseLost() {
    long id = enqueue(job("acme", "t"));
    claim(W1, 1, T0);
    store.rescueExpired(T0.plus(LEASE).plusSeconds(1));
    claim(W2, 1, T0.plus(LEASE).plusSeconds(1));
    HeartbeatResult hb = store.heartbeat(W1, Map.of(id, 1), T0.plusSeconds(100), Map.of());
    assertThat(hb.lost()).containsExactly(id);
    assertThat(get("acme", id).leaseOwner()).isEqualTo(W2);
  }

  @Test
  void heartbeatForAFinishedJobReportsItLost() {
    long id = enqueue(job("acme", "t"));
    ClaimedJob c = claim(W1, 1, T0).get(0);
    store.complete(W1, List.of(done(c, Outcome.SUCCEEDED, T0.plusSeconds(1))));
    HeartbeatResult hb = store.heartbeat(W1, Map.of(id, 1), T0.plusSeconds(100), Map.of());
    assertThat(hb.renewed()).isEmpty();
    assertThat(hb.lost()).containsExactly(id);
    assertThat(get("acme", id).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(get("acme", id).leaseExpiresAt()).isNull();
  }

  @Test
  void emptyBatchesAreNoOps() {
    assertThat(store.enqueue(List.of())).isEmpty();
    assertThat(claim(W1, 10, T0)).isEmpty();
    assertThat(store.complete(W1, List.of())).isEmpty();
    assertThat(store.rescueExpired(T0)).isZero();
  }

  // ---- completion outcomes -----------------------------------------------------------------

  @Test
  void succeededIsFinalAndKeepsProgress() {
    long id = enqueue(job("acme", "t"));
    ClaimedJob c = claim(W1, 1, T0).get(0);
    Instant at = T0.plusSeconds(2);
    store.complete(W1, List.of(new Completion(id, c.attempt(), Outcome.SUCCEEDED, at, null, null, 1.0)));
    JobRecord r = get("acme", id);
    assertThat(r.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(r.finishedAt()).isEqualTo(at);
    assertThat(r.progress()).isEqualTo(1.0);
    assertThat(r.errors()).isEmpty();
    assertThat(r.leaseOwner()).isNull();
    assertThat(claim(W1, 1, T0.plusSeconds(3600))).isEmpty();
  }

  @Test
  void retryWaitsUntilRetryAtAndKeepsTheError() {
    long id = enqueue(job("acme", "t"));
    ClaimedJob c = claim(W1, 1, T0).get(0);
    Instant at = T0.plusSeconds(2);
    Instant retryAt = T0.plusSeconds(62);
    store.complete(W1, List.of(new Completion(id, 1, Outcome.RETRY, at, retryAt, "IOException: reset", null)));

    JobRecord r = get("acme", id);
    assertThat(r.status()).isEqualTo(JobStatus.RETRYING);
    assertThat(r.runAt()).isEqualTo(retryAt);
    assertThat(r.finishedAt()).isNull();
    assertThat(r.leaseOwner()).isNull();
    assertThat(r.errors()).containsExactly(new AttemptError(1, at, W1, "IOException: reset"));
    assertThat(claim(W1, 1, retryAt.minusMillis(1))).isEmpty();
    ClaimedJob second = claim(W1, 1, retryAt).get(0);
    assertThat(second.attempt()).isEqualTo(2);
    store.complete(W1, List.of(new Completion(id, 2, Outcome.DEAD, retryAt.plusSeconds(1), null, "again", null)));
    assertThat(get("acme", id).errors()).extracting(AttemptError::attempt).containsExactly(1, 2);
  }

  @Test
  void deadIsFinalAndKeepsTheError() {
    long id = enqueue(job("acme", "t"));
    claim(W1, 1, T0);
    Instant at = T0.plusSeconds(5);
    store.complete(W1, List.of(new Completion(id, 1, Outcome.DEAD, at, null, "IllegalStateException: bad", null)));
    JobRecord r = get("acme", id);
    assertThat(r.status()).isEqualTo(JobStatus.DEAD);
    assertThat(r.finishedAt()).isEqualTo(at);
    assertThat(r.errors()).containsExactly(new AttemptError(1, at, W1, "IllegalStateException: bad"));
    assertThat(claim(W1, 1, T0.plusSeconds(3600))).isEmpty();
  }

  @Test
  void cancelledCompletionIsFinal() {
    long id = enqueue(job("acme", "t"));
    claim(W1, 1, T0);
    store.complete(W1, List.of(new Completion(id, 1, Outcome.CANCELLED, T0.plusSeconds(1), null, null, null)));
    JobRecord r = get("acme", id);
    assertThat(r.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(r.finishedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(claim(W1, 1, T0.plusSeconds(3600))).isEmpty();
  }

  @Test
  void releasedJobsAreAvailableAtOnceWithoutUsingAnAttempt() {
    long id = enqueue(job("acme", "t").maxAttempts(1));
    ClaimedJob c = claim(W1, 1, T0).get(0);
    assertThat(store.complete(W1, List.of(done(c, Outcome.RELEASED, T0.plusSeconds(1))))).isEmpty();

    JobRecord r = get("acme", id);
    assertThat(r.status()).isEqualTo(JobStatus.AVAILABLE);
    assertThat(r.attempt()).isZero();
    assertThat(r.errors()).isEmpty();
    assertThat(r.leaseOwner()).isNull();
    ClaimedJob again = claim(W2, 1, T0.plusSeconds(1)).get(0);
    assertThat(again.attempt()).as("the released attempt was given back").isEqualTo(1);
    assertThat(store.complete(W1, List.of(done(c, Outcome.SUCCEEDED, T0.plusSeconds(2)))))
        .as("the releasing worker no longer holds it").containsExactly(id);
  }

  // ---- rescue ------------------------------------------------------------------------------

  @Test
  void rescueMakesExpiredJobsAvailableWithAnErrorAndLeavesLiveOnesAlone() {
    long id = enqueue(job("acme", "t").maxAttempts(3));
    claim(W1, 1, T0);
    assertThat(store.rescueExpired(T0.plus(LEASE).minusSeconds(1))).isZero();
    assertThat(get("acme", id).status()).isEqualTo(JobStatus.RUNNING);

    Instant now = T0.plus(LEASE).plusSeconds(1);
    assertThat(store.rescueExpired(now)).isEqualTo(1);
    assertThat(store.rescueExpired(now)).as("each expired job is rescued once").isZero();

    JobRecord r = get("acme", id);
    assertThat(r.status()).isEqualTo(JobStatus.AVAILABLE);
    assertThat(r.leaseOwner()).isNull();
    assertThat(r.attempt()).isEqualTo(1);
    assertThat(r.errors()).hasSize(1);
    AttemptError e = r.errors().get(0);
    assertThat(e.attempt()).isEqualTo(1);
    assertThat(e.workerId()).isEqualTo(W1);
    assertThat(e.message()).containsIgnoringCase("lease");
    assertThat(ids(claim(W2, 1, now))).containsExactly(id);
  }

  @Test
  void rescueOfTheLastAttemptMakesTheJobDead() {
    long id = enqueue(job("acme", "t").maxAttempts(1));
    claim(W1, 1, T0);
    Instant now = T0.plus(LEASE).plusSeconds(1);
    assertThat(store.rescueExpired(now)).isEqualTo(1);
    JobRecord r = get("acme", id);
    assertThat(r.status()).isEqualTo(JobStatus.DEAD);
    assertThat(r.finishedAt()).isEqualTo(now);
    assertThat(r.errors()).hasSize(1);
    assertThat(claim(W2, 1, now)).isEmpty();
  }

  // ---- cancellation ------------------------------------------------------------------------

  @Test
  void cancellingAWaitingJobCancelsItAtOnce() {
    long due = enqueue(job("acme", "t"));
    long later = enqueue(job("acme", "t").runAt(T0.plusSeconds(600)));
    assertThat(store.cancel("acme", due, T0.plusSeconds(1))).isTrue();
    assertThat(store.cancel("acme", later, T0.plusSeconds(1))).isTrue();
    assertThat(get("acme", due).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(get("acme", due).finishedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(get("acme", later).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(claim(W1, 10, T0.plusSeconds(700))).isEmpty();
  }

  @Test
  void cancellingARunningJobFlagsItForItsWorker() {
    long id = enqueue(job("acme", "t"));
    claim(W1, 1, T0);
    assertThat(store.cancel("acme", id, T0.plusSeconds(1))).isTrue();
    assertThat(get("acme", id).status()).as("its handler decides when to stop").isEqualTo(JobStatus.RUNNING);

    HeartbeatResult hb = store.heartbeat(W1, Map.of(id, 1), T0.plusSeconds(40), Map.of());
    assertThat(hb.renewed()).containsExactly(id);
    assertThat(hb.cancelRequested()).containsExactly(id);

    store.complete(W1, List.of(new Completion(id, 1, Outcome.CANCELLED, T0.plusSeconds(2), null, null, null)));
    assertThat(get("acme", id).status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void cancellingAFinalOrUnknownJobReturnsFalse() {
    long id = enqueue(job("acme", "t"));
    ClaimedJob c = claim(W1, 1, T0).get(0);
    store.complete(W1, List.of(done(c, Outcome.SUCCEEDED, T0)));
    assertThat(store.cancel("acme", id, T0.plusSeconds(1))).isFalse();
    assertThat(get("acme", id).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(store.cancel("acme", 987_654_321L, T0)).isFalse();
  }

  // ---- history -----------------------------------------------------------------------------

  @Test
  void queryMergesRunningJobsIntoTheHistoryNewestFirst() {
    // The PostgreSQL store reads running rows from another index than the rest (V2); the merged
    // answer must look like one history.
    long a = enqueue(job("acme", "sync").createdAt(T0.minusSeconds(40)));
    long b = enqueue(job("acme", "sync").createdAt(T0.minusSeconds(30)));
    long c = enqueue(job("acme", "sync").createdAt(T0.minusSeconds(20)));
    long d = enqueue(job("acme", "report").createdAt(T0.minusSeconds(10)));
    long other = enqueue(job("globex", "sync").createdAt(T0.minusSeconds(25)));
    Map<Long, ClaimedJob> byId = new HashMap<>();
    store.claim(new ClaimRequest(W1, Set.of("default"), Set.of("sync", "report"), 10, T0, LEASE, Integer.MAX_VALUE,
        Map.of())).forEach(j -> byId.put(j.id(), j));
    assertThat(byId).containsKeys(a, b, c, d, other);
    assertThat(store.complete(W1, List.of(done(byId.get(a), Outcome.SUCCEEDED, T0), done(byId.get(c),
        Outcome.SUCCEEDED, T0)))).isEmpty();
    // acme: d running, c succeeded, b running, a succeeded; globex's running job stays out.

    assertThat(store.query(JobQuery.forTenant("acme").build())).extracting(JobRecord::id)
        .containsExactly(d, c, b, a);
    assertThat(store.query(JobQuery.forTenant("acme").limit(3).build())).extracting(JobRecord::id)
        .containsExactly(d, c, b);
    assertThat(store.query(JobQuery.forTenant("acme").statuses(Set.of(JobStatus.RUNNING)).build()))
        .extracting(JobRecord::id).containsExactly(d, b);
    assertThat(store.query(JobQuery.forTenant("acme").type("sync").build())).extracting(JobRecord::id)
        .containsExactly(c, b, a);
    assertThat(store.query(JobQuery.forTenant("acme").createdBefore(T0.minusSeconds(20)).build()))
        .extracting(JobRecord::id).containsExactly(b, a);
    assertThat(store.query(JobQuery.forTenant("globex").build())).extracting(JobRecord::id)
        .containsExactly(other);
  }

  @Test
  void queryFiltersByTypeStatusAndTimeNewestFirst() {
    long a = enqueue(job("acme", "sync").createdAt(T0.minusSeconds(30)));
    long b = enqueue(job("acme", "report").createdAt(T0.minusSeconds(20)));
    long c = enqueue(job("acme", "sync").createdAt(T0.minusSeconds(10)));
    long d = enqueue(job("acme", "sync").createdAt(T0.minusSeconds(10)));
    enqueue(job("globex", "sync").createdAt(T0.minusSeconds(10)));
    store.cancel("acme", c, T0);

    assertThat(store.query(JobQuery.forTenant("acme").build())).extracting(JobRecord::id)
        .as("newest first; equal created-at by id, descending").containsExactly(d, c, b, a);
    assertThat(store.query(JobQuery.forTenant("acme").type("sync").build())).extracting(JobRecord::id)
        .containsExactly(d, c, a);
    assertThat(store.query(JobQuery.forTenant("acme").statuses(Set.of(JobStatus.CANCELLED)).build()))
        .extracting(JobRecord::id).containsExactly(c);
    assertThat(store.query(JobQuery.forTenant("acme")
        .statuses(Set.of(JobStatus.CANCELLED, JobStatus.AVAILABLE)).type("sync").build()))
        .extracting(JobRecord::id).containsExactly(d, c, a);
    assertThat(store.query(JobQuery.forTenant("acme")
        .createdAfter(T0.minusSeconds(20)).createdBefore(T0.minusSeconds(10)).build()))
        .as("after is inclusive, before exclusive").extracting(JobRecord::id).containsExactly(b);
    assertThat(store.query(JobQuery.forTenant("acme").limit(2).build())).extracting(JobRecord::id)
        .containsExactly(d, c);
  }

  @Test
  void purgeDeletesOnlyTheGivenFinalStatusesFinishedBeforeTheCutoff() {
    long oldOk = enqueue(job("acme", "t"));
    long oldDead = enqueue(job("acme", "t"));
    long newOk = enqueue(job("acme", "t"));
    long waiting = enqueue(job("acme", "t").runAt(T0.plusSeconds(10_000)));
    long running = enqueue(job("acme", "t"));
    Map<Long, ClaimedJob> byId = new HashMap<>();
    claim(W1, 4, T0).forEach(j -> byId.put(j.id(), j));
    store.complete(W1, List.of(
        done(byId.get(oldOk), Outcome.SUCCEEDED, T0.plusSeconds(10)),
        done(byId.get(oldDead), Outcome.DEAD, T0.plusSeconds(10))));
    store.complete(W1, List.of(done(byId.get(newOk), Outcome.SUCCEEDED, T0.plusSeconds(100))));

    assertThat(store.purge(T0.plusSeconds(50), Set.of(JobStatus.SUCCEEDED))).isEqualTo(1);
    assertThat(store.find("acme", oldOk)).isEmpty();
    assertThat(store.find("acme", oldDead)).isPresent();
    assertThat(store.find("acme", newOk)).isPresent();

    assertThat(store.purge(T0.plusSeconds(1_000_000), Set.of(JobStatus.SUCCEEDED, JobStatus.DEAD, JobStatus.CANCELLED)))
        .isEqualTo(2);
    assertThat(store.find("acme", waiting)).isPresent();
    assertThat(store.find("acme", running)).isPresent();
  }

  @Test
  void purgeRejectsNonFinalStatuses() {
    long id = enqueue(job("acme", "t"));
    assertThatThrownBy(() -> store.purge(T0.plusSeconds(1), Set.of(JobStatus.AVAILABLE)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.find("acme", id)).isPresent();
  }

  @Test
  void statsCountReadyAndRunningJobsPerQueueWithLag() {
    enqueue(job("acme", "t").runAt(T0.minusSeconds(40)));
    enqueue(job("acme", "t").runAt(T0.minusSeconds(10)));
    enqueue(job("acme", "t").runAt(T0.plusSeconds(100)));
    long toRun = enqueue(job("acme", "t").queue("mail").runAt(T0.minusSeconds(5)));
    store.claim(new ClaimRequest(W1, Set.of("mail"), Set.of("t"), 1, T0, LEASE, Integer.MAX_VALUE, Map.of()));
    long finished = enqueue(job("acme", "t").queue("reports"));
    store.claim(new ClaimRequest(W1, Set.of("reports"), Set.of("t"), 1, T0, LEASE, Integer.MAX_VALUE, Map.of()))
        .forEach(c -> store.complete(W1, List.of(done(c, Outcome.SUCCEEDED, T0))));

    Map<String, QueueStats> byQueue = new HashMap<>();
    store.stats(T0).forEach(s -> byQueue.put(s.queue(), s));

    assertThat(byQueue.get("default")).isEqualTo(new QueueStats("default", 2, 0, Duration.ofSeconds(40)));
    assertThat(byQueue.get("mail")).isEqualTo(new QueueStats("mail", 0, 1, Duration.ZERO));
    QueueStats reports = byQueue.get("reports");
    if (reports != null) {
      assertThat(reports).isEqualTo(new QueueStats("reports", 0, 0, Duration.ZERO));
    }
    assertThat(toRun).isNotEqualTo(finished);
  }

  @Test
  void statsOfAnEmptyStoreShowNoBacklog() {
    assertThat(store.stats(T0)).allMatch(s -> s.ready() == 0 && s.running() == 0);
  }

  @Test
  void jobsAvailableListenerCanBeRegisteredAndClosed() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AutoCloseable handle = store.onJobsAvailable(calls::incrementAndGet);
    enqueue(job("acme", "t"));
    handle.close();
    // Calling the listener is optional (workers poll), so only registration is part of the contract.
    assertThat(calls.get()).isGreaterThanOrEqualTo(0);
    assertThat(claim(W1, 1, T0)).hasSize(1);
  }

  // ---- concurrency -------------------------------------------------------------------------

  @Test
  void concurrentClaimersNeverReceiveTheSameJob() throws Exception {
    int jobs = 400;
    List<NewJob> batch = new ArrayList<>();
    for (int i = 0; i < jobs; i++) {
      batch.add(job(i % 3 == 0 ? "acme" : "globex", "t").priority(i % 4).build());
    }
    store.enqueue(batch);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Map<Long, String> holder = new ConcurrentHashMap<>();
    List<Long> duplicates = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String worker = "w" + t;
        int batchSize = 1 + t * 5;
        futures.add(pool.submit(() -> {
          start.await();
          int emptyInARow = 0;
          while (emptyInARow < 3) {
            List<ClaimedJob> got = claim(worker, batchSize, T0);
            emptyInARow = got.isEmpty() ? emptyInARow + 1 : 0;
            List<Completion> completions = new ArrayList<>();
            for (ClaimedJob c : got) {
              if (holder.putIfAbsent(c.id(), worker) != null) {
                duplicates.add(c.id());
              }
              completions.add(done(c, Outcome.SUCCEEDED, T0));
            }
            if (!completions.isEmpty()) {
              assertThat(store.complete(worker, completions)).isEmpty();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(duplicates).isEmpty();
    assertThat(holder).hasSize(jobs);
    Set<JobStatus> statuses = new HashSet<>();
    for (String tenant : List.of("acme", "globex")) {
      store.query(JobQuery.forTenant(tenant).limit(10_000).build()).forEach(r -> statuses.add(r.status()));
    }
    assertThat(statuses).containsExactly(JobStatus.SUCCEEDED);
  }
}
