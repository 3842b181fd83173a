package io.offgridflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.jobs.memory.InMemoryJobStore;
import io.offgridflow.jobs.spi.ClaimRequest;
import io.offgridflow.jobs.spi.ClaimedJob;
import io.offgridflow.jobs.spi.ForwardingJobStore;
import io.offgridflow.jobs.spi.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The prefetch buffer: claimed-but-not-started jobs hold leases that heartbeats renew, go back at
 * once on shutdown without using an attempt, are dropped on a lost lease, and never start when
 * cancelled while they wait.
 */
class WorkerPrefetchTest {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  record Item(int n) {}

  final MutableClock clock = new MutableClock(T0);
  final InMemoryJobStore store = new InMemoryJobStore();
  final JobClient client = JobClient.builder().store(store).clock(clock).build();
  final List<Worker> workers = new ArrayList<>();
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger started = new AtomicInteger();

  @AfterEach
  void stopWorkers() {
    release.countDown();
    workers.forEach(w -> w.shutdown(Duration.ofSeconds(5)));
  }

  Worker start(Worker.Builder b) {
    Worker w = b.store(store).clock(clock).pollInterval(Duration.ofMillis(10)).build().start();
    workers.add(w);
    return w;
  }

  /** One handler slot, blocked by the first job it starts; the rest of a claim waits in the buffer. */
  Worker.Builder blocking() {
    return Worker.builder().concurrency(1).handler("block", Item.class, (p, ctx) -> {
      started.incrementAndGet();
      release.await();
    });
  }

  List<Long> enqueue(int n) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(client.enqueue(JobRequest.builder("acme", "block").payload(new Item(i)).build()).id());
    }
    return ids;
  }

  JobRecord job(long id) {
    return client.find("acme", id).orElseThrow();
  }

  long count(JobStatus s) {
    return client.query(JobQuery.forTenant("acme").statuses(Set.of(s)).limit(10_000).build()).size();
  }

  @Test
  void defaultsToTwiceTheConcurrencyAndRejectsNegatives() {
    Worker w = Worker.builder().store(store).concurrency(7).handler("block", Item.class, (p, ctx) -> { }).build();
    assertThat(w.prefetch()).isEqualTo(14);
    assertThatThrownBy(() -> Worker.builder().prefetch(-1)).isInstanceOf(JobException.class)
        .hasMessageContaining("prefetch");
  }

  @Test
  void maxPrefetchRejectsNegatives() {
    assertThatThrownBy(() -> Worker.builder().maxPrefetch(-1)).isInstanceOf(JobException.class)
        .hasMessageContaining("maxPrefetch must be >= 0, was -1");
  }

  /** The in-memory store, with every claim taking {@code claimMillis} like a round trip to a database. */
  static final class SlowClaims extends ForwardingJobStore {
    final long claimMillis;

    SlowClaims(JobStore delegate, long claimMillis) {
      super(delegate);
      this.claimMillis = claimMillis;
    }

    @Override
    public List<ClaimedJob> claim(ClaimRequest request) {
      try {
        Thread.sleep(claimMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.claim(request);
    }
  }

  @Test
  void aBacklogOfShortJobsGrowsTheDefaultPrefetchTowardsItsCap() {
    int jobs = 3_000;
    enqueue(jobs);
    AtomicInteger ran = new AtomicInteger();
    AtomicInteger largest = new AtomicInteger();
    Worker w = Worker.builder().store(new SlowClaims(store, 20)).clock(clock).pollInterval(Duration.ofMillis(10))
        .concurrency(2).maxPrefetch(256).handler("block", Item.class, (p, ctx) -> ran.incrementAndGet()).build();
    workers.add(w);
    assertThat(w.prefetch()).as("starts at 2 x concurrency").isEqualTo(4);
    w.start();
    Await.until("all succeeded", () -> {
      largest.accumulateAndGet(w.prefetch(), Math::max);
      return count(JobStatus.SUCCEEDED) == jobs;
    });
    // No-op jobs start as fast as claims deliver them, so each claim measures a rate its buffer
    // limits and the target doubles (4, 8, 16, ...) towards the cap of 256; how close it gets
    // depends on how fast this machine runs handlers (the exact arithmetic is PrefetchTargetTest's).
    // 64 needs 4 x rate x 0.020 s >= 64, i.e. handlers taking at least 800 no-op jobs/s.
    assertThat(largest.get()).isBetween(64, 256);
    assertThat(ran).hasValue(jobs);
  }

  @Test
  void slowJobsKeepTheDefaultPrefetchAtTwiceTheConcurrency() {
    int jobs = 20;
    enqueue(jobs);
    AtomicInteger largest = new AtomicInteger();
    // 2 handlers x 1 job per 200 ms = 10 jobs/s; a 20-ms claim then wants 2 x 2 x 10 x 0.020 = 0.8
    // jobs buffered, a fifth of the floor of 4: the margin absorbs a slow claim or a burst of starts.
    Worker w = Worker.builder().store(new SlowClaims(store, 20)).clock(clock).pollInterval(Duration.ofMillis(10))
        .concurrency(2).handler("block", Item.class, (p, ctx) -> Thread.sleep(200)).build();
    workers.add(w);
    w.start();
    Await.until("all succeeded", () -> {
      largest.accumulateAndGet(w.prefetch(), Math::max);
      return count(JobStatus.SUCCEEDED) == jobs;
    });
    assertThat(largest.get()).isEqualTo(4);
  }

  @Test
  void claimsAheadOfItsFreeSlotsUpToThePrefetch() {
    enqueue(10);
    Worker w = start(blocking().prefetch(4));
    Await.until("one running, four buffered", () -> started.get() == 1 && w.buffered() == 4);
    assertThat(w.inFlight()).isEqualTo(5);
    assertThat(count(JobStatus.RUNNING)).isEqualTo(5);
    assertThat(count(JobStatus.AVAILABLE)).isEqualTo(5);
  }

  @Test
  void withoutPrefetchItClaimsOnlyForFreeSlots() throws Exception {
    enqueue(3);
    Worker w = start(blocking().prefetch(0));
    Await.until("one running", () -> started.get() == 1);
    Thread.sleep(100);
    assertThat(w.inFlight()).isEqualTo(1);
    assertThat(count(JobStatus.RUNNING)).isEqualTo(1);
  }

  @Test
  void heartbeatsRenewTheLeasesOfBufferedJobsLikeRunningOnes() {
    List<Long> ids = enqueue(5);
    Worker w = start(blocking().prefetch(4).heartbeatInterval(Duration.ofMillis(20)));
    Await.until("four buffered", () -> w.buffered() == 4);
    clock.advance(Duration.ofSeconds(15));

    Instant renewed = T0.plus(Duration.ofSeconds(15 + 20));
    Await.until("every lease renewed", () -> ids.stream().allMatch(id -> renewed.equals(job(id).leaseExpiresAt())));
    // Past the original lease: nothing is rescued, because the buffered jobs were renewed too.
    clock.advance(Duration.ofSeconds(10));
    assertThat(store.rescueExpired(clock.instant())).isZero();

    release.countDown();
    Await.until("all succeeded", () -> count(JobStatus.SUCCEEDED) == 5);
    assertThat(started).hasValue(5);
    assertThat(ids).allSatisfy(id -> assertThat(job(id).attempt()).isEqualTo(1));
  }

  @Test
  void shutdownHandsBufferedJobsBackAtOnceWithoutUsingAnAttempt() throws Exception {
    List<Long> ids = enqueue(5);
    Worker w = start(blocking().prefetch(4));
    Await.until("one running, four buffered", () -> started.get() == 1 && w.buffered() == 4);

    AtomicReference<Boolean> result = new AtomicReference<>();
    Thread stopper = new Thread(() -> result.set(w.shutdown(Duration.ofSeconds(20))));
    stopper.start();
    // The running job still blocks, yet the buffered four are already available to other workers.
    Await.until("buffered jobs handed back", () -> count(JobStatus.AVAILABLE) == 4);
    assertThat(count(JobStatus.RUNNING)).isEqualTo(1);
    release.countDown();
    stopper.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(result.get()).as("the running job finished; buffered ones never started").isTrue();
    assertThat(started).hasValue(1);
    assertThat(count(JobStatus.SUCCEEDED)).isEqualTo(1);
    assertThat(ids.stream().map(this::job).filter(r -> r.status() == JobStatus.AVAILABLE))
        .hasSize(4)
        .allSatisfy(r -> {
          assertThat(r.attempt()).isZero();
          assertThat(r.errors()).isEmpty();
          assertThat(r.leaseOwner()).isNull();
        });
    assertThat(w.inFlight()).isZero();
  }

  @Test
  void aBufferedJobWhoseLeaseWasLostIsDroppedWithoutRunning() {
    List<Long> ids = enqueue(3);
    Worker w = start(blocking().prefetch(2).leaseDuration(Duration.ofSeconds(20))
        .heartbeatInterval(Duration.ofMillis(20)).rescueInterval(Duration.ofHours(1)));
    Await.until("one running, two buffered", () -> started.get() == 1 && w.buffered() == 2);
    // Stop this worker's heartbeats from renewing in time: the clock jumps past the lease, another
    // node rescues all three and claims them.
    clock.advance(Duration.ofSeconds(21));
    store.rescueExpired(clock.instant());
    assertThat(store.claim(new ClaimRequest("other", Set.of("default"), Set.of("block"), 10, clock.instant(),
        Duration.ofMinutes(5), Integer.MAX_VALUE, Map.of()))).hasSize(3);

    Await.until("buffered jobs dropped", () -> w.buffered() == 0);
    release.countDown();
    Await.until("worker let go", () -> w.inFlight() == 0);
    assertThat(started).as("only the job that was already running ran here").hasValue(1);
    assertThat(ids).allSatisfy(id -> {
      assertThat(job(id).status()).isEqualTo(JobStatus.RUNNING);
      assertThat(job(id).leaseOwner()).isEqualTo("other");
    });
  }

  @Test
  void aBufferedJobCancelledWhileItWaitsNeverStarts() throws Exception {
    List<Long> ids = enqueue(2);
    long waiting = ids.get(1); // claim order is priority, run-at, id: the first enqueued runs first
    Worker w = start(blocking().prefetch(1).heartbeatInterval(Duration.ofMillis(20)));
    Await.until("one running, one buffered", () -> started.get() == 1 && w.buffered() == 1);

    assertThat(client.cancel("acme", waiting)).isTrue();
    assertThat(job(waiting).status()).as("claimed, so only flagged").isEqualTo(JobStatus.RUNNING);
    // A heartbeat after the cancellation renews the lease to the new clock and reports the flag.
    clock.advance(Duration.ofSeconds(1));
    Instant renewed = clock.instant().plus(Duration.ofSeconds(20));
    Await.until("heartbeat after the cancellation", () -> renewed.equals(job(waiting).leaseExpiresAt()));
    Thread.sleep(100);
    release.countDown();

    Await.until("cancelled", () -> job(waiting).status() == JobStatus.CANCELLED);
    Await.until("first succeeded", () -> job(ids.get(0)).status() == JobStatus.SUCCEEDED);
    assertThat(started).as("the cancelled job's handler never ran").hasValue(1);
    assertThat(job(waiting).errors()).singleElement().satisfies(e -> assertThat(e.message()).startsWith("cancelled"));
  }
}
