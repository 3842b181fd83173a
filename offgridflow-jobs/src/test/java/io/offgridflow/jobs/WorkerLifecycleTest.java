package io.offgridflow.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.jobs.memory.InMemoryJobStore;
import io.offgridflow.jobs.spi.ClaimRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Graceful shutdown, cancellation, timeouts, lost leases and tenant fairness through a real worker. */
class WorkerLifecycleTest {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

  record Item(int n) {}

  final MutableClock clock = new MutableClock(T0);
  final InMemoryJobStore store = new InMemoryJobStore();
  final JobClient client = JobClient.builder().store(store).clock(clock).build();
  final List<Worker> workers = new ArrayList<>();
  final CountDownLatch release = new CountDownLatch(1);

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

  JobRecord job(long id) {
    return client.find("acme", id).orElseThrow();
  }

  long count(String tenant, JobStatus s) {
    return client.query(JobQuery.forTenant(tenant).statuses(Set.of(s)).limit(10_000).build()).size();
  }

  @Test
  void shutdownStopsClaimingAndLetsRunningJobsFinish() throws Exception {
    for (int i = 0; i < 5; i++) {
      client.enqueue(JobRequest.builder("acme", "block").build());
    }
    AtomicInteger started = new AtomicInteger();
    Worker w = start(Worker.builder().concurrency(2).handler("block", Item.class, (p, ctx) -> {
      started.incrementAndGet();
      release.await();
    }));
    Await.until("two running", () -> started.get() == 2);

    AtomicReference<Boolean> result = new AtomicReference<>();
    Thread stopper = new Thread(() -> result.set(w.shutdown(Duration.ofSeconds(20))));
    stopper.start();
    Await.until("stopping", () -> !w.isRunning());
    release.countDown();
    stopper.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(result.get()).isTrue();
    assertThat(started).hasValue(2);
    assertThat(count("acme", JobStatus.SUCCEEDED)).isEqualTo(2);
    assertThat(count("acme", JobStatus.AVAILABLE)).isEqualTo(3);
    assertThat(w.inFlight()).isZero();
  }

  @Test
  void atTheDeadlineUnfinishedJobsAreHandedBackWithoutUsingAnAttempt() {
    long id = client.enqueue(JobRequest.builder("acme", "block").maxAttempts(1).build()).id();
    AtomicBoolean sawCancel = new AtomicBoolean();
    CountDownLatch running = new CountDownLatch(1);
    Worker w = start(Worker.builder().handler("block", Item.class, (p, ctx) -> {
      running.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        sawCancel.set(ctx.isCancelled());
        throw e;
      }
    }));
    Await.until("running", () -> running.getCount() == 0);

    assertThat(w.shutdown(Duration.ofMillis(100))).isFalse();

    JobRecord r = job(id);
    assertThat(r.status()).isEqualTo(JobStatus.AVAILABLE);
    assertThat(r.attempt()).isZero();
    assertThat(r.errors()).isEmpty();
    Await.until("handler interrupted", sawCancel::get);

    AtomicInteger reruns = new AtomicInteger();
    start(Worker.builder().handler("block", Item.class, (p, ctx) -> reruns.incrementAndGet()));
    Await.until("rerun succeeded", () -> job(id).status() == JobStatus.SUCCEEDED);
    assertThat(job(id).attempt()).isEqualTo(1);
    assertThat(reruns).hasValue(1);
  }

  @Test
  void aHandlerThatIgnoresTheDeadlineCannotCompleteAJobHandedBack() {
    long id = client.enqueue(JobRequest.builder("acme", "stubborn").build()).id();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean returned = new AtomicBoolean();
    CountDownLatch running = new CountDownLatch(1);
    Worker w = start(Worker.builder().handler("stubborn", Item.class, (p, ctx) -> {
      running.countDown();
      while (!stop.get()) {
        Thread.onSpinWait();
      }
      returned.set(true);
    }));
    Await.until("running", () -> running.getCount() == 0);
    assertThat(w.shutdown(Duration.ofMillis(50))).isFalse();
    assertThat(job(id).status()).isEqualTo(JobStatus.AVAILABLE);

    stop.set(true);
    Await.until("handler returned", returned::get);
    assertThat(job(id).status()).as("its late success is discarded").isEqualTo(JobStatus.AVAILABLE);
    assertThat(job(id).attempt()).isZero();
  }

  @Test
  void cancellingARunningJobStopsItsHandler() {
    long id = client.enqueue(JobRequest.builder("acme", "long").build()).id();
    CountDownLatch running = new CountDownLatch(1);
    start(Worker.builder().heartbeatInterval(Duration.ofMillis(20)).handler("long", Item.class, (p, ctx) -> {
      running.countDown();
      while (true) {
        ctx.throwIfCancelled();
        Thread.sleep(2);
      }
    }));
    Await.until("running", () -> running.getCount() == 0);

    assertThat(client.cancel("acme", id)).isTrue();

    Await.until("cancelled", () -> job(id).status() == JobStatus.CANCELLED);
    assertThat(job(id).attempt()).isEqualTo(1);
    assertThat(job(id).errors()).singleElement().satisfies(e -> assertThat(e.message()).startsWith("cancelled"));
  }

  @Test
  void progressReachesTheStoreWithHeartbeatsWhileTheJobRuns() {
    long id = client.enqueue(JobRequest.builder("acme", "long").build()).id();
    start(Worker.builder().heartbeatInterval(Duration.ofMillis(20)).handler("long", Item.class, (p, ctx) -> {
      ctx.progress(0.3);
      release.await();
      ctx.progress(1.0);
    }));
    Await.until("progress stored", () -> Double.valueOf(0.3).equals(job(id).progress()));
    assertThat(job(id).status()).isEqualTo(JobStatus.RUNNING);
    assertThat(job(id).leaseExpiresAt()).isEqualTo(T0.plus(Duration.ofSeconds(20)));
    release.countDown();
    Await.until("succeeded", () -> job(id).status() == JobStatus.SUCCEEDED);
    assertThat(job(id).progress()).isEqualTo(1.0);
  }

  @Test
  void anAttemptPastItsTimeoutIsInterruptedAndRetried() {
    long id = client.enqueue(JobRequest.builder("acme", "slow").timeout(Duration.ofSeconds(5)).build()).id();
    CountDownLatch running = new CountDownLatch(1);
    start(Worker.builder().heartbeatInterval(Duration.ofMillis(20)).handler("slow", Item.class, (p, ctx) -> {
      running.countDown();
      release.await();
    }));
    Await.until("running", () -> running.getCount() == 0);
    clock.advance(Duration.ofSeconds(4));
    assertThat(job(id).status()).isEqualTo(JobStatus.RUNNING);
    clock.advance(Duration.ofSeconds(1));

    Await.until("timed out", () -> job(id).status() == JobStatus.RETRYING);
    assertThat(job(id).errors()).singleElement().satisfies(e -> assertThat(e.message())
        .contains("timeout of PT5S").contains("InterruptedException"));
  }

  @Test
  void aHandlerWhoseLeaseWasLostLearnsItAndItsResultIsDiscarded() throws Exception {
    long id = client.enqueue(JobRequest.builder("acme", "t").build()).id();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch stolen = new CountDownLatch(1);
    AtomicBoolean cancelledAfterHeartbeat = new AtomicBoolean();
    // One slot, held by the blocked handler, and no prefetch: this worker cannot re-claim the job
    // once it is rescued (with a buffer it could, as a new attempt under a new lease).
    start(Worker.builder().concurrency(1).prefetch(0).leaseDuration(Duration.ofSeconds(20)).heartbeatInterval(Duration.ofSeconds(10))
        .rescueInterval(Duration.ofHours(1))
        .handler("t", Item.class, (p, ctx) -> {
          running.countDown();
          stolen.await();
          ctx.heartbeat();
          cancelledAfterHeartbeat.set(ctx.isCancelled());
        }));
    running.await(30, TimeUnit.SECONDS);
    // The lease runs out (say the worker was paused); another node rescues and claims the job.
    clock.advance(Duration.ofSeconds(21));
    assertThat(store.rescueExpired(clock.instant())).isEqualTo(1);
    assertThat(store.claim(new ClaimRequest("other", Set.of("default"), Set.of("t"), 1, clock.instant(),
        Duration.ofMinutes(5), Integer.MAX_VALUE, Map.of()))).hasSize(1);
    stolen.countDown();

    Await.until("handler noticed", cancelledAfterHeartbeat::get);
    Await.until("worker let go", () -> workers.get(0).inFlight() == 0);
    JobRecord r = job(id);
    assertThat(r.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(r.leaseOwner()).isEqualTo("other");
    assertThat(r.attempt()).isEqualTo(2);
  }

  @Test
  void aTenantLimitKeepsOneTenantsBacklogFromStarvingAnother() {
    for (int i = 0; i < 20; i++) {
      client.enqueue(JobRequest.builder("acme", "work").payload(new Item(i)).priority(-1).build());
    }
    for (int i = 0; i < 3; i++) {
      client.enqueue(JobRequest.builder("globex", "work").payload(new Item(100 + i)).build());
    }
    Map<String, AtomicInteger> runningNow = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> maxRunning = new ConcurrentHashMap<>();
    List<String> startOrder = java.util.Collections.synchronizedList(new ArrayList<>());
    // The first claim's four jobs wait for each other, so no slot frees before all four started.
    CountDownLatch firstClaim = new CountDownLatch(4);
    start(Worker.builder().concurrency(4).tenantLimit(2).handler("work", Item.class, (p, ctx) -> {
      String t = ctx.tenantId();
      startOrder.add(t);
      firstClaim.countDown();
      firstClaim.await(30, TimeUnit.SECONDS);
      int now = runningNow.computeIfAbsent(t, k -> new AtomicInteger()).incrementAndGet();
      maxRunning.computeIfAbsent(t, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
      Thread.sleep(3);
      runningNow.get(t).decrementAndGet();
    }));
    Await.until("all done", () -> count("acme", JobStatus.SUCCEEDED) == 20
        && count("globex", JobStatus.SUCCEEDED) == 3);

    assertThat(maxRunning.get("acme").get()).isEqualTo(2);
    assertThat(maxRunning.get("globex").get()).isLessThanOrEqualTo(2);
    // acme's jobs are older and more urgent, yet globex starts in the first claim.
    assertThat(startOrder.subList(0, 4)).contains("globex");
  }
}
