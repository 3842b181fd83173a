package io.offgridflow.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offgridflow.jobs.internal.JobsTelemetry;
import io.offgridflow.jobs.internal.PrefetchTarget;
import io.offgridflow.jobs.internal.RunningJob;
import io.offgridflow.jobs.internal.RunningJob.StopReason;
import io.offgridflow.jobs.spi.ClaimRequest;
import io.offgridflow.jobs.spi.ClaimedJob;
import io.offgridflow.jobs.spi.Completion;
import io.offgridflow.jobs.spi.Completion.Outcome;
import io.offgridflow.jobs.spi.HeartbeatResult;
import io.offgridflow.jobs.spi.JobStore;
import io.offgridflow.jobs.spi.QueueStats;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs from a {@link JobStore}: claims batches ahead of its handlers into a bounded prefetch
 * buffer, runs them on a pool, stores their completions in batches, renews their leases, and
 * rescues jobs whose worker died.
 *
 * <p>Threads: one dispatcher claims (woken by the store's jobs-available signal, polling as the
 * fallback, and by the buffer running low), {@code concurrency} handler threads that take jobs from
 * the buffer, one completer that stores finished attempts many per round trip, and two maintenance
 * threads (heartbeats and timeouts; rescue and queue stats). The dispatcher claims again while the
 * handlers still have buffered jobs to run, so claim round trips overlap with running, and each
 * claim fills the buffer's free room rather than the few slots that just freed. Every node rescues, so jobs of a killed worker run again within {@link
 * #worstCaseRecovery()} (lease + rescue interval + poll interval; 20 + 5 + 1 = 26 s by default) as
 * long as any worker is alive.
 *
 * <pre>{@code
 * Worker worker = Worker.builder()
 *     .store(store)
 *     .concurrency(8)
 *     .handler("report.render", RenderRequest.class, (req, ctx) -> renderer.render(req))
 *     .handler("webhook.raw", JsonNode.class, (json, ctx) -> hooks.handle(json))
 *     .tenantLimit(2)                                 // no tenant runs more than 2 jobs at once
 *     .build()
 *     .start();
 * ...
 * worker.shutdown(Duration.ofSeconds(30));            // finish what runs, hand the rest back
 * }</pre>
 */
public final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
  private static final int MAX_COMPLETION_BATCH = 1_000;
  private static final int MAX_ERROR_CHARS = 4_000;
  private static final int DEFAULT_MAX_PREFETCH = 512;

  private enum State { NEW, RUNNING, STOPPING, STOPPED }

  private final JobStore store;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final JobsTelemetry telemetry;
  private final String workerId;
  private final int concurrency;
  /** Jobs kept ready beyond the running ones; the buffer is refilled when half of it is left. */
  private final PrefetchTarget prefetch;
  /** Jobs the dispatcher has put into the buffer so far (dispatcher thread only). */
  private long dispatchedTotal;
  private final Set<String> queues;
  private final Map<String, Registered<?>> handlers;
  private final Duration lease;
  private final Duration heartbeatInterval;
  private final Duration rescueInterval;
  private final Duration pollInterval;
  private final int defaultTenantLimit;
  private final Map<String, Integer> tenantLimits;
  private final List<Schedule> schedules;
  private final OpenTelemetry otel;

  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final Map<Long, RunningJob> inFlight = new ConcurrentHashMap<>();
  /** Claimed jobs whose handler has not returned yet: buffered plus running. */
  private final AtomicInteger busy = new AtomicInteger();
  /** Claimed jobs no handler has begun yet (they hold leases like running ones). */
  private final AtomicInteger buffered = new AtomicInteger();
  private final LinkedBlockingQueue<Pending> completions = new LinkedBlockingQueue<>();
  private final ReentrantLock wakeLock = new ReentrantLock();
  private final Condition wake = wakeLock.newCondition();
  /** Set by wake-ups, cleared by the dispatcher when it wakes; volatile so signals coalesce without the lock. */
  private volatile boolean woken;
  /** The last claim got fewer jobs than it asked for: buffer room alone will not find more. */
  private volatile boolean drained;
  private final AtomicReference<List<QueueStats>> latestStats = new AtomicReference<>(List.of());
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private final ExecutorService handlerPool;
  private final ScheduledExecutorService maintenance;
  private final Thread dispatcher;
  private final Thread completer;
  private volatile boolean completerStop;
  private @Nullable ScheduleRunner scheduleRunner;

  private Worker(Builder b, JobStore store) {
    this.store = store;
    this.clock = b.clock;
    this.mapper = b.mapper != null ? b.mapper : new ObjectMapper().findAndRegisterModules();
    this.telemetry = new JobsTelemetry(b.otel);
    this.workerId = b.workerId != null ? b.workerId
        : "worker-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    this.concurrency = b.concurrency;
    int floor = 2 * b.concurrency;
    this.prefetch = b.prefetch >= 0 ? PrefetchTarget.fixed(b.prefetch)
        : PrefetchTarget.adaptive(floor, Math.max(floor, b.maxPrefetch));
    this.queues = Set.copyOf(b.queues);
    this.handlers = Map.copyOf(b.handlers);
    this.lease = b.lease;
    this.heartbeatInterval = b.heartbeatInterval;
    this.rescueInterval = b.rescueInterval;
    this.pollInterval = b.pollInterval;
    this.defaultTenantLimit = b.defaultTenantLimit;
    this.tenantLimits = Map.copyOf(b.tenantLimits);
    this.schedules = List.copyOf(b.schedules);
    this.otel = b.otel;
    AtomicInteger threadNo = new AtomicInteger();
    // Handler threads take jobs from a work-stealing pool in FIFO (async) mode: measured on the
    // benchmark, a ThreadPoolExecutor's single locked queue cost a quarter of the drain rate once a
    // claim of a hundred short jobs woke a few dozen handler threads at once. At most `concurrency`
    // threads (never compensation threads, even if a handler blocks in a join), and they keep the
    // builder's context class loader (the default factory would give them the system one).
    String runName = "ogf-jobs-" + workerId + "-run-";
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    this.handlerPool = new ForkJoinPool(concurrency, pool -> {
      ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
      t.setName(runName + threadNo.incrementAndGet());
      t.setDaemon(true);
      t.setContextClassLoader(loader);
      return t;
    }, null, true, 0, concurrency, 1, pool -> true, 60, TimeUnit.SECONDS);
    this.maintenance = new ScheduledThreadPoolExecutor(2,
        r -> thread(r, "ogf-jobs-" + workerId + "-maintenance-" + threadNo.incrementAndGet()));
    this.dispatcher = thread(this::dispatchLoop, "ogf-jobs-" + workerId + "-dispatch");
    this.completer = thread(this::completeLoop, "ogf-jobs-" + workerId + "-complete");
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** This worker's id, as stored in lease owners and attempt errors. */
  public String workerId() {
    return workerId;
  }

  /**
   * The longest a killed worker's job waits before a live worker starts it again: the lease runs
   * out (at most {@code lease} after the last renewal), the next rescue sees it (at most {@code
   * rescueInterval} later), and a worker claims it (at once when the store signals, else within
   * {@code pollInterval}).
   */
  public Duration worstCaseRecovery() {
    return lease.plus(rescueInterval).plus(pollInterval);
  }

  /** Starts claiming. Returns this worker for chaining. */
  public Worker start() {
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new JobException(JobsErrorCode.WORKER_STOPPED, "worker " + workerId + " was already started");
    }
    closeables.add(store.onJobsAvailable(() -> {
      drained = false;
      signal();
    }));
    closeables.addAll(telemetry.registerQueueGauges(latestStats::get));
    long hb = heartbeatInterval.toMillis();
    maintenance.scheduleWithFixedDelay(() -> guarded("heartbeat", this::heartbeatTick), hb, hb, TimeUnit.MILLISECONDS);
    long rescue = rescueInterval.toMillis();
    maintenance.scheduleWithFixedDelay(() -> guarded("rescue", this::rescueTick), 0, rescue, TimeUnit.MILLISECONDS);
    if (!schedules.isEmpty()) {
      ScheduleRunner runner = ScheduleRunner.builder().store(store).clock(clock).schedules(schedules)
          .objectMapper(mapper).openTelemetry(otel).build();
      scheduleRunner = runner.start();
    }
    completer.start();
    dispatcher.start();
    LOG.info("job worker {} started: concurrency {}, prefetch {}, queues {}, types {}", workerId, concurrency,
        prefetch.isFixed() ? prefetch.target() : "adaptive " + prefetch.floor() + ".." + prefetch.cap(), queues,
        handlers.keySet());
    return this;
  }

  /** Runs {@code r}, logging instead of killing the scheduled task when the store fails. */
  private void guarded(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // The next tick tries again; a store outage shows up here once per tick, not silently.
      LOG.warn("job worker {}: {} failed", workerId, what, e);
    }
  }

  // ---- claiming ----------------------------------------------------------------------------

  private void signal() {
    if (woken) {
      // A wake-up is already pending: the dispatcher will see it before it next waits.
      return;
    }
    wakeLock.lock();
    try {
      woken = true;
      wake.signalAll();
    } finally {
      wakeLock.unlock();
    }
  }

  private void await(Duration max) {
    wakeLock.lock();
    try {
      long nanos = max.toNanos();
      while (!woken && nanos > 0 && state.get() == State.RUNNING) {
        nanos = wake.awaitNanos(nanos);
      }
      woken = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      wakeLock.unlock();
    }
  }

  private void dispatchLoop() {
    Set<String> types = handlers.keySet();
    while (state.get() == State.RUNNING && !Thread.currentThread().isInterrupted()) {
      int room = concurrency + prefetch.target() - busy.get();
      if (room <= 0 || buffered.get() > prefetch.lowWater()) {
        // Enough is buffered: claim again when the handlers have eaten into it (they signal).
        await(pollInterval);
        continue;
      }
      List<ClaimedJob> claimed;
      long claimStart = System.nanoTime();
      try {
        claimed = store.claim(new ClaimRequest(workerId, queues, types, room, clock.instant(), lease,
            defaultTenantLimit, tenantLimits));
      } catch (RuntimeException e) {
        LOG.warn("job worker {}: claim failed; trying again in {}", workerId, pollInterval, e);
        await(pollInterval);
        continue;
      }
      long claimEnd = System.nanoTime();
      drained = claimed.size() < room;
      // Jobs that left the buffer since the last claim (started, or handed back at shutdown).
      prefetch.afterClaim(claimEnd - claimStart, claimEnd, dispatchedTotal - buffered.get(), drained);
      dispatch(claimed);
      dispatchedTotal += claimed.size();
      if (drained) {
        await(pollInterval);
      }
    }
  }

  /** Puts claimed jobs into the buffer (the handler pool's queue), counting them per type and queue. */
  private void dispatch(List<ClaimedJob> claimed) {
    Attributes runOf = null;
    long runLength = 0;
    for (ClaimedJob j : claimed) {
      // Attribute sets are cached per (type, queue), so identity finds runs of one kind.
      Attributes a = telemetry.attributes(j.type(), j.queue());
      if (a != runOf) {
        if (runOf != null) {
          telemetry.claimed(runOf, runLength);
        }
        runOf = a;
        runLength = 0;
      }
      runLength++;
      RunningJob rj = new RunningJob(j, a, this::heartbeatOne);
      busy.incrementAndGet();
      buffered.incrementAndGet();
      inFlight.put(j.id(), rj);
      try {
        handlerPool.execute(() -> run(rj));
      } catch (RejectedExecutionException e) {
        // Only a shutdown that outwaited a very slow claim gets here: the job stays leased, buffered
        // and in flight, so shutdown hands it back (or, failing that, its lease expires and it is rescued).
        LOG.warn("job worker {}: {} claimed while stopping; handing it back", workerId, rj);
      }
    }
    if (runOf != null) {
      telemetry.claimed(runOf, runLength);
    }
  }

  // ---- running -----------------------------------------------------------------------------

  private void run(RunningJob rj) {
    if (state.get() != State.RUNNING) {
      // Stopping: a job still in the buffer goes back to the store at once instead of starting.
      handBackBuffered(rj, clock.instant());
      return;
    }
    ClaimedJob job = rj.job();
    if (!rj.begin(clock.instant())) {
      // Handed back by a shutdown, or dropped after a lost lease, while it waited in the buffer;
      // whoever took it out did its bookkeeping.
      return;
    }
    if (buffered.decrementAndGet() <= prefetch.lowWater() && !drained) {
      signal();
    }
    telemetry.started(rj.attributes());
    Span span = telemetry.startRun(job.id(), job.tenantId(), job.type(), job.queue(), job.attempt());
    long start = System.nanoTime();
    Throwable failure = null;
    try (Scope ignored = span.makeCurrent()) {
      Registered<?> handler = handlers.get(job.type());
      if (handler == null) {
        // Claims ask only for registered types, so only a misbehaving store gets here.
        throw new JobException(JobsErrorCode.NO_HANDLER, "no handler for job type " + job.type() + " on worker "
            + workerId + "; register one with Worker.builder().handler(\"" + job.type() + "\", ...)");
      }
      // Cancelled, or its lease lost, while it waited in the buffer: the handler never starts.
      rj.throwIfCancelled();
      handler.invoke(mapper, job, rj);
    } catch (Throwable t) {
      failure = t;
    } finally {
      rj.detach();
    }
    telemetry.stopped(rj.attributes(), System.nanoTime() - start);
    slotFreed();
    try {
      if (!rj.finish()) {
        span.addEvent("released at shutdown");
        return;
      }
      if (rj.stopReason() == StopReason.LEASE_LOST) {
        // Another worker owns the job now (or will); completing it would be refused anyway.
        inFlight.remove(job.id());
        span.addEvent("lease lost");
        LOG.warn("job worker {}: lost the lease of {}; its result is discarded", workerId, rj);
        return;
      }
      Completion c = decide(rj, failure);
      span.setAttribute(JobsTelemetry.OUTCOME, c.outcome().name());
      if (failure != null) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, c.outcome().name());
      }
      completions.add(new Pending(rj, c, failure != null));
    } finally {
      span.end();
    }
  }

  private void slotFreed() {
    busy.decrementAndGet();
    if (!drained && buffered.get() <= prefetch.lowWater()) {
      signal();
    }
  }

  /**
   * Takes a job that no handler has begun out of the buffer and hands it back (RELEASED: available
   * at once, the attempt not counted); false if a handler began it or it was taken out before.
   */
  private boolean handBackBuffered(RunningJob rj, Instant now) {
    if (!rj.unbuffer()) {
      return false;
    }
    buffered.decrementAndGet();
    busy.decrementAndGet();
    ClaimedJob j = rj.job();
    completions.add(new Pending(rj, new Completion(j.id(), j.attempt(), Outcome.RELEASED, now, null, null, null),
        false));
    return true;
  }

  private Completion decide(RunningJob rj, @Nullable Throwable failure) {
    ClaimedJob job = rj.job();
    Instant now = clock.instant();
    if (failure == null) {
      return new Completion(job.id(), job.attempt(), Outcome.SUCCEEDED, now, null, null, rj.lastProgress());
    }
    StopReason reason = rj.stopReason();
    if (reason == StopReason.CANCELLED) {
      return new Completion(job.id(), job.attempt(), Outcome.CANCELLED, now, null,
          "cancelled: " + describe(failure), rj.lastProgress());
    }
    Throwable error = failure;
    if (reason == StopReason.TIMED_OUT) {
      error = new JobException(JobsErrorCode.ATTEMPT_TIMED_OUT, "attempt " + job.attempt() + " of job " + job.id()
          + " (" + job.type() + ") ran past its timeout of " + job.timeout(), failure);
    } else if (reason == StopReason.SHUTDOWN) {
      // Shutdown reached the deadline but the handler finished first: it failed on the interrupt.
      return new Completion(job.id(), job.attempt(), Outcome.RELEASED, now, null, null, rj.lastProgress());
    }
    RetryPolicy policy = handlers.containsKey(job.type()) ? handlers.get(job.type()).retry : RetryPolicy.defaults();
    String message = describe(error);
    if (job.attempt() >= job.maxAttempts() || !policy.isRetryable(error)) {
      return new Completion(job.id(), job.attempt(), Outcome.DEAD, now, null, message, rj.lastProgress());
    }
    Instant retryAt = now.plus(policy.delay(job.attempt(), ThreadLocalRandom.current().nextDouble()));
    return new Completion(job.id(), job.attempt(), Outcome.RETRY, now, retryAt, message, rj.lastProgress());
  }

  /** Exception class and message, with its causes, short enough to keep for every attempt. */
  static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder();
    Set<Throwable> seen = new LinkedHashSet<>();
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      if (sb.length() > 0) {
        sb.append(" <- caused by ");
      }
      sb.append(c.getClass().getName());
      if (c.getMessage() != null) {
        sb.append(": ").append(c.getMessage());
      }
      if (sb.length() > MAX_ERROR_CHARS) {
        return sb.substring(0, MAX_ERROR_CHARS) + "...";
      }
    }
    return sb.toString();
  }

  // ---- completing --------------------------------------------------------------------------

  /** A completion waiting for the completer. */
  private record Pending(RunningJob job, Completion completion, boolean failed) {}

  private void completeLoop() {
    List<Pending> batch = new ArrayList<>();
    while (true) {
      Pending first;
      try {
        first = completions.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        first = null;
      }
      if (first == null) {
        if (completerStop && completions.isEmpty()) {
          return;
        }
        continue;
      }
      batch.clear();
      batch.add(first);
      // Everything that finished while the last batch was in flight goes in one round trip.
      completions.drainTo(batch, MAX_COMPLETION_BATCH - 1);
      try {
        flush(batch);
      } catch (RuntimeException e) {
        // flush() retries store failures itself; this guards the thread against anything else, so
        // one bad batch cannot stop every later completion. The batch's leases expire and it reruns.
        LOG.error("job worker {}: completing {} jobs failed unexpectedly", workerId, batch.size(), e);
        batch.forEach(p -> inFlight.remove(p.completion().id()));
      }
    }
  }

  private void flush(List<Pending> batch) {
    List<Completion> list = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      list.add(p.completion());
    }
    Set<Long> rejected;
    long backoff = 50;
    while (true) {
      try {
        rejected = store.complete(workerId, list);
        break;
      } catch (RuntimeException e) {
        if (completerStop && state.get() == State.STOPPED) {
          LOG.error("job worker {}: could not store {} completions before stopping; their leases will expire and"
              + " the jobs run again", workerId, list.size(), e);
          return;
        }
        // The jobs stay in flight (their leases keep being renewed) until the store answers.
        LOG.warn("job worker {}: storing {} completions failed; retrying in {} ms", workerId, list.size(), backoff, e);
        sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
      }
    }
    Attributes succeededOf = null;
    long succeededRun = 0;
    for (Pending p : batch) {
      long id = p.completion().id();
      inFlight.remove(id);
      if (!rejected.isEmpty() && rejected.contains(id)) {
        LOG.warn("job worker {}: completion of {} refused: its lease was lost", workerId, p.job());
        continue;
      }
      Attributes a = p.job().attributes();
      if (p.failed() && p.completion().outcome() != Outcome.CANCELLED
          && p.completion().outcome() != Outcome.RELEASED) {
        telemetry.failed(a);
      }
      switch (p.completion().outcome()) {
        case SUCCEEDED -> {
          // Counted per run of one (type, queue): one counter update for a batch of no-op jobs.
          if (a != succeededOf) {
            if (succeededOf != null) {
              telemetry.succeeded(succeededOf, succeededRun);
            }
            succeededOf = a;
            succeededRun = 0;
          }
          succeededRun++;
        }
        case RETRY -> telemetry.retried(a);
        case DEAD -> telemetry.dead(a);
        case CANCELLED -> telemetry.cancelled(a);
        case RELEASED -> { }
      }
    }
    if (succeededOf != null) {
      telemetry.succeeded(succeededOf, succeededRun);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- maintenance -------------------------------------------------------------------------

  private void heartbeatTick() {
    Instant now = clock.instant();
    Map<Long, Integer> attempts = new HashMap<>();
    Map<Long, Double> progress = new HashMap<>();
    for (RunningJob rj : inFlight.values()) {
      attempts.put(rj.jobId(), rj.attempt());
      Double p = rj.lastProgress();
      if (p != null) {
        progress.put(rj.jobId(), p);
      }
      Instant deadline = rj.deadline();
      if (rj.isRunning() && deadline != null && !now.isBefore(deadline) && rj.stopReason() == null) {
        LOG.warn("job worker {}: {} ran past its timeout of {}; interrupting it", workerId, rj, rj.job().timeout());
        rj.stop(StopReason.TIMED_OUT);
      }
    }
    if (!attempts.isEmpty()) {
      apply(store.heartbeat(workerId, attempts, now.plus(lease), progress));
    }
  }

  private void heartbeatOne(RunningJob rj) {
    Instant now = clock.instant();
    Double p = rj.lastProgress();
    apply(store.heartbeat(workerId, Map.of(rj.jobId(), rj.attempt()), now.plus(lease),
        p == null ? Map.of() : Map.of(rj.jobId(), p)));
  }

  private void apply(HeartbeatResult r) {
    // Buffered jobs first: stopping a running one frees its handler thread, which would otherwise
    // take the next lost job from the buffer and start it before this loop reached it.
    for (Long id : r.lost()) {
      RunningJob rj = inFlight.get(id);
      if (rj != null && rj.unbuffer()) {
        // Lost while it waited in the buffer (a pause longer than the lease): another worker may run
        // it now, so it is dropped without starting and without a completion.
        buffered.decrementAndGet();
        busy.decrementAndGet();
        inFlight.remove(id);
        LOG.warn("job worker {}: lost the lease of {} before it started; dropping it", workerId, rj);
      }
    }
    for (Long id : r.lost()) {
      RunningJob rj = inFlight.get(id);
      if (rj != null && rj.isRunning()) {
        rj.stop(StopReason.LEASE_LOST);
      }
    }
    for (Long id : r.cancelRequested()) {
      RunningJob rj = inFlight.get(id);
      if (rj != null) {
        rj.stop(StopReason.CANCELLED);
      }
    }
  }

  private void rescueTick() {
    Instant now = clock.instant();
    int rescued = store.rescueExpired(now);
    if (rescued > 0) {
      LOG.info("job worker {}: rescued {} jobs whose lease expired", workerId, rescued);
      drained = false;
      signal();
    }
    latestStats.set(store.stats(now));
  }

  // ---- shutdown ----------------------------------------------------------------------------

  /**
   * Stops claiming, hands buffered jobs back at once, lets running handlers finish until {@code
   * deadline}, then stops the rest and hands their jobs back too (AVAILABLE again, the attempt not
   * counted), stores every completion and stops. Safe to call more than once.
   *
   * @return true if every running job finished before the deadline (buffered jobs handed back at
   *     once do not count: they never started)
   */
  public boolean shutdown(Duration deadline) {
    if (state.compareAndSet(State.NEW, State.STOPPED)) {
      shutdownThreads();
      return true;
    }
    if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
      return true;
    }
    LOG.info("job worker {} stopping: {} jobs running, {} buffered, waiting up to {}", workerId,
        busy.get() - buffered.get(), buffered.get(), deadline);
    if (scheduleRunner != null) {
      scheduleRunner.close();
    }
    signal();
    join(dispatcher, Duration.ofSeconds(30));
    // Buffered jobs never started: they go back at once rather than wait for a handler (and a handler
    // thread that frees up from now on hands back what it takes instead of starting it).
    Instant stopAt = clock.instant();
    int returned = 0;
    for (RunningJob rj : inFlight.values()) {
      if (handBackBuffered(rj, stopAt)) {
        returned++;
      }
    }
    if (returned > 0) {
      LOG.info("job worker {}: handed {} buffered jobs back", workerId, returned);
    }
    handlerPool.shutdown();
    boolean finished;
    try {
      finished = handlerPool.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = false;
    }
    // Past the deadline this hands back the handlers still running; in any case it hands back jobs
    // claimed but never started (a claim that raced the shutdown).
    int handedBack = 0;
    Instant now = clock.instant();
    for (RunningJob rj : inFlight.values()) {
      if (handBackBuffered(rj, now)) {
        continue;
      }
      if (rj.release()) {
        rj.stop(StopReason.SHUTDOWN);
        ClaimedJob j = rj.job();
        completions.add(new Pending(rj,
            new Completion(j.id(), j.attempt(), Outcome.RELEASED, now, null, null, rj.lastProgress()), false));
        handedBack++;
      }
    }
    if (!finished) {
      LOG.warn("job worker {}: deadline {} reached; handing {} unfinished jobs back", workerId, deadline, handedBack);
      handlerPool.shutdownNow();
    }
    completerStop = true;
    join(completer, lease);
    state.set(State.STOPPED);
    shutdownThreads();
    LOG.info("job worker {} stopped", workerId);
    return finished;
  }

  private void shutdownThreads() {
    maintenance.shutdownNow();
    handlerPool.shutdownNow();
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.warn("job worker {}: closing {} failed", workerId, c, e);
      }
    }
  }

  private static void join(Thread t, Duration max) {
    if (!t.isAlive()) {
      return;
    }
    try {
      t.join(Math.max(1, max.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@link #shutdown(Duration) Shuts down} with a 30-second deadline. */
  @Override
  public void close() {
    shutdown(Duration.ofSeconds(30));
  }

  /** Whether the worker has started and not begun shutting down: it is claiming jobs. */
  public boolean isRunning() {
    return state.get() == State.RUNNING;
  }

  /** Attempts claimed by this worker and not yet stored: buffered, running, or waiting to be stored. */
  public int inFlight() {
    return inFlight.size();
  }

  /** Claimed jobs waiting in this worker's prefetch buffer for a handler thread. */
  public int buffered() {
    return buffered.get();
  }

  /**
   * How many claimed jobs this worker keeps ready beyond its running ones now: the fixed {@link
   * Builder#prefetch} if one was set, else the current adaptive target (see {@link Builder#maxPrefetch}).
   */
  public int prefetch() {
    return prefetch.target();
  }

  // ---- handlers ----------------------------------------------------------------------------

  /** A handler with its payload class and retry policy. */
  private record Registered<T>(Class<T> payloadClass, JobHandler<T> handler, RetryPolicy retry) {
    void invoke(ObjectMapper mapper, ClaimedJob job, JobContext ctx) throws Exception {
      T payload;
      try {
        payload = payloadClass == JsonNode.class ? payloadClass.cast(mapper.readTree(job.payload()))
            : mapper.readValue(job.payload(), payloadClass);
      } catch (Exception e) {
        throw new JobException(JobsErrorCode.PAYLOAD_UNREADABLE, "payload of job " + job.id() + " (" + job.type()
            + ", tenant " + job.tenantId() + ") cannot be read as " + payloadClass.getName() + ": " + e.getMessage(), e);
      }
      handler.handle(payload, ctx);
    }
  }

  /** Builds a {@link Worker}. The store and at least one handler are required. */
  public static final class Builder {
    private @Nullable JobStore store;
    private Clock clock = Clock.systemUTC();
    private @Nullable ObjectMapper mapper;
    private OpenTelemetry otel = OpenTelemetry.noop();
    private @Nullable String workerId;
    private int concurrency = 5;
    private int prefetch = -1;
    private int maxPrefetch = DEFAULT_MAX_PREFETCH;
    private Set<String> queues = Set.of(JobClient.DEFAULT_QUEUE);
    private final Map<String, Registered<?>> handlers = new LinkedHashMap<>();
    private RetryPolicy defaultRetry = RetryPolicy.defaults();
    private final Map<String, RetryPolicy> retryOverrides = new HashMap<>();
    private Duration lease = Duration.ofSeconds(20);
    private Duration heartbeatInterval = Duration.ofSeconds(5);
    private Duration rescueInterval = Duration.ofSeconds(5);
    private Duration pollInterval = Duration.ofSeconds(1);
    private int defaultTenantLimit = Integer.MAX_VALUE;
    private final Map<String, Integer> tenantLimits = new HashMap<>();
    private final List<Schedule> schedules = new ArrayList<>();

    private Builder() {}

    public Builder store(JobStore store) {
      this.store = store;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** The mapper that reads payloads; default a plain {@code ObjectMapper} with discovered modules. */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = mapper;
      return this;
    }

    public Builder openTelemetry(OpenTelemetry otel) {
      this.otel = otel;
      return this;
    }

    /** A stable, unique id for this worker (default: pid and a random suffix). */
    public Builder workerId(String workerId) {
      this.workerId = workerId;
      return this;
    }

    /** Handlers running at once (default 5). */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Fixes how many claimed jobs are kept ready beyond the running ones (0 claims only for free
     * handler slots), instead of the default adaptive size (see {@link #maxPrefetch}). The worker
     * claims again when the buffer falls to half of this, for as much as it has room for, so one
     * claim round trip carries many jobs and overlaps with running. Buffered jobs hold leases
     * (renewed by heartbeats like running ones) and count against tenant limits, so a large prefetch
     * with slow jobs keeps jobs waiting here that an idle node could run; shutdown hands them back
     * at once.
     */
    public Builder prefetch(int prefetch) {
      if (prefetch < 0) {
        throw new JobException(JobsErrorCode.INVALID_CONFIGURATION, "prefetch must be >= 0, was " + prefetch);
      }
      this.prefetch = prefetch;
      return this;
    }

    /**
     * The most claimed jobs the default, adaptive prefetch keeps ready beyond the running ones
     * (default 512). Without a fixed {@link #prefetch}, the buffer starts at {@code 2 x concurrency}
     * and is sized after every claim so that half of it lasts one claim round trip at the rate the
     * handlers take jobs: slow jobs keep it at {@code 2 x concurrency}, a backlog of short jobs grows
     * it (at most twofold per claim) towards this cap, so each claim and completion round trip
     * carries hundreds of jobs. Values below {@code 2 x concurrency} act as {@code 2 x concurrency}.
     */
    public Builder maxPrefetch(int maxPrefetch) {
      if (maxPrefetch < 0) {
        throw new JobException(JobsErrorCode.INVALID_CONFIGURATION, "maxPrefetch must be >= 0, was " + maxPrefetch);
      }
      this.maxPrefetch = maxPrefetch;
      return this;
    }

    /** Queues to take jobs from (default {@code default}). */
    public Builder queues(String... queues) {
      this.queues = Set.of(queues);
      return this;
    }

    /** Registers the handler of one type; the payload is read as {@code payloadClass} (or {@code JsonNode}). */
    public <T> Builder handler(String type, Class<T> payloadClass, JobHandler<T> handler) {
      handlers.put(type, new Registered<>(payloadClass, handler, RetryPolicy.defaults()));
      return this;
    }

    /** Registers a handler with its own retry policy. */
    public <T> Builder handler(String type, Class<T> payloadClass, JobHandler<T> handler, RetryPolicy retry) {
      handlers.put(type, new Registered<>(payloadClass, handler, retry));
      retryOverrides.put(type, retry);
      return this;
    }

    /** The retry policy of handlers registered without one (default {@link RetryPolicy#defaults()}). */
    public Builder retryPolicy(RetryPolicy policy) {
      this.defaultRetry = policy;
      return this;
    }

    /** How long a claim holds without a heartbeat (default 20 s). */
    public Builder leaseDuration(Duration lease) {
      this.lease = lease;
      return this;
    }

    /** How often leases of running jobs are renewed and timeouts checked (default 5 s). */
    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = interval;
      return this;
    }

    /** How often this node rescues jobs whose lease expired (default 5 s). */
    public Builder rescueInterval(Duration interval) {
      this.rescueInterval = interval;
      return this;
    }

    /** How long the dispatcher waits for a wake-up before claiming anyway (default 1 s). */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = interval;
      return this;
    }

    /**
     * Sets lease, heartbeat, rescue and poll intervals so a killed worker's jobs run again within
     * {@code recovery}: lease 70 %, heartbeat a quarter of the lease, rescue 20 %, poll 10 %.
     */
    public Builder recoveryWithin(Duration recovery) {
      long ms = recovery.toMillis();
      if (ms < 1_000) {
        throw new JobException(JobsErrorCode.INVALID_CONFIGURATION,
            "recovery time must be at least 1 s, was " + recovery);
      }
      this.lease = Duration.ofMillis(ms * 7 / 10);
      this.heartbeatInterval = Duration.ofMillis(ms * 7 / 40);
      this.rescueInterval = Duration.ofMillis(ms / 5);
      this.pollInterval = Duration.ofMillis(ms / 10);
      return this;
    }

    /** Running jobs allowed per tenant across all workers (default: no limit). */
    public Builder tenantLimit(int limit) {
      this.defaultTenantLimit = limit;
      return this;
    }

    /** Running jobs allowed for one tenant, overriding the default. */
    public Builder tenantLimit(String tenantId, int limit) {
      this.tenantLimits.put(tenantId, limit);
      return this;
    }

    /** Adds a recurring job; this worker also runs its schedules (see {@link ScheduleRunner}). */
    public Builder schedule(Schedule schedule) {
      this.schedules.add(schedule);
      return this;
    }

    public Worker build() {
      JobStore s = store;
      List<String> problems = new ArrayList<>();
      if (s == null) {
        problems.add("a store (.store(...))");
      }
      if (handlers.isEmpty()) {
        problems.add("at least one handler (.handler(type, PayloadClass.class, handler))");
      }
      if (concurrency < 1) {
        problems.add("concurrency >= 1 (was " + concurrency + ")");
      }
      if (queues.isEmpty()) {
        problems.add("at least one queue");
      }
      if (defaultTenantLimit < 1 || tenantLimits.values().stream().anyMatch(l -> l < 1)) {
        problems.add("tenant limits >= 1");
      }
      if (!positive(lease) || !positive(heartbeatInterval) || !positive(rescueInterval) || !positive(pollInterval)) {
        problems.add("positive lease, heartbeat, rescue and poll intervals");
      } else if (heartbeatInterval.multipliedBy(2).compareTo(lease) > 0) {
        problems.add("a heartbeat interval at most half the lease, so one late heartbeat does not lose it (lease "
            + lease + ", heartbeat " + heartbeatInterval + ")");
      }
      if (!problems.isEmpty() || s == null) {
        throw new JobException(JobsErrorCode.INVALID_CONFIGURATION, "Worker needs " + String.join(", ", problems));
      }
      // Handlers registered without a policy take the builder's default, whenever it was set.
      for (Map.Entry<String, Registered<?>> e : handlers.entrySet()) {
        if (!retryOverrides.containsKey(e.getKey())) {
          e.setValue(withRetry(e.getValue(), defaultRetry));
        }
      }
      return new Worker(this, s);
    }

    private static <T> Registered<T> withRetry(Registered<T> r, RetryPolicy policy) {
      return new Registered<>(r.payloadClass(), r.handler(), policy);
    }

    private static boolean positive(Duration d) {
      return !d.isNegative() && !d.isZero();
    }
  }
}
