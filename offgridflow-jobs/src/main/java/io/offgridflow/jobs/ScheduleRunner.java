package io.offgridflow.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.offgridflow.jobs.spi.JobStore;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires {@link Schedule}s: every check interval it enqueues each schedule's latest due tick, keyed
 * {@code cron:<name>:<tick epoch second>}. Run one on every node; the store's unique key makes each
 * tick a single job however many runners see it. A {@link Worker} built with schedules runs one
 * itself; use this class directly on nodes that enqueue but do not work.
 *
 * <p>Ticks are deduplicated only while the tick's job exists: keep finished jobs (retention purge)
 * longer than the misfire grace, or a late runner could fire a purged tick again.
 *
 * <pre>{@code
 * ScheduleRunner runner = ScheduleRunner.builder().store(store).schedules(List.of(nightly)).build().start();
 * ...
 * runner.close();
 * }</pre>
 */
public final class ScheduleRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

  private final List<Schedule> schedules;
  private final Clock clock;
  private final JobClient client;
  private final Duration checkInterval;
  private final Map<String, Instant> lastFired = new HashMap<>();
  private @Nullable ScheduledExecutorService executor;

  private ScheduleRunner(Builder b, JobStore store) {
    this.schedules = List.copyOf(b.schedules);
    this.clock = b.clock;
    this.checkInterval = b.checkInterval;
    JobClient.Builder cb = JobClient.builder().store(store).clock(b.clock).openTelemetry(b.otel);
    if (b.mapper != null) {
      cb.objectMapper(b.mapper);
    }
    this.client = cb.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Checks on a daemon thread every check interval until {@link #close()}. */
  public ScheduleRunner start() {
    synchronized (this) {
      if (executor != null) {
        throw new IllegalStateException("schedule runner already started");
      }
      ScheduledExecutorService ex = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "ogf-jobs-schedules");
        t.setDaemon(true);
        return t;
      });
      executor = ex;
      long ms = checkInterval.toMillis();
      ex.scheduleWithFixedDelay(() -> {
        try {
          fireDue();
        } catch (RuntimeException e) {
          // The next check fires the tick if it is still within its misfire grace.
          LOG.warn("firing schedules failed", e);
        }
      }, 0, ms, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /**
   * Enqueues every schedule's latest tick that is due, within its misfire grace and not yet fired
   * by this runner. Hosts with their own scheduler may call this instead of {@link #start()}.
   *
   * @return the number of ticks this call inserted (ticks another node inserted first are not counted)
   */
  public synchronized int fireDue() {
    Instant now = clock.instant();
    List<JobRequest> requests = new ArrayList<>();
    List<Schedule> fired = new ArrayList<>();
    List<Instant> ticks = new ArrayList<>();
    for (Schedule s : schedules) {
      Optional<Instant> tick = s.lastTick(now);
      if (tick.isEmpty() || tick.get().equals(lastFired.get(s.name()))
          || Duration.between(tick.get(), now).compareTo(s.misfireGrace()) > 0) {
        continue;
      }
      JobRequest t = s.job();
      requests.add(new JobRequest(t.tenantId(), t.type(), t.payload(), t.queue(), tick.get(), null, t.priority(),
          t.maxAttempts(), t.timeout(), s.uniqueKey(tick.get())));
      fired.add(s);
      ticks.add(tick.get());
    }
    if (requests.isEmpty()) {
      return 0;
    }
    List<Enqueued> out = client.enqueueAll(requests);
    int inserted = 0;
    for (int i = 0; i < out.size(); i++) {
      lastFired.put(fired.get(i).name(), ticks.get(i));
      if (out.get(i).created()) {
        inserted++;
        LOG.debug("schedule {} fired tick {} as job {}", fired.get(i).name(), ticks.get(i), out.get(i).id());
      }
    }
    return inserted;
  }

  @Override
  public void close() {
    ScheduledExecutorService ex;
    synchronized (this) {
      ex = executor;
      executor = null;
    }
    if (ex != null) {
      ex.shutdownNow();
    }
  }

  /** Builds a {@link ScheduleRunner}. */
  public static final class Builder {
    private @Nullable JobStore store;
    private Clock clock = Clock.systemUTC();
    private @Nullable ObjectMapper mapper;
    private OpenTelemetry otel = OpenTelemetry.noop();
    private final List<Schedule> schedules = new ArrayList<>();
    private Duration checkInterval = Duration.ofSeconds(1);

    private Builder() {}

    public Builder store(JobStore store) {
      this.store = store;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = mapper;
      return this;
    }

    public Builder openTelemetry(OpenTelemetry otel) {
      this.otel = otel;
      return this;
    }

    public Builder schedule(Schedule schedule) {
      this.schedules.add(schedule);
      return this;
    }

    public Builder schedules(List<Schedule> schedules) {
      this.schedules.addAll(schedules);
      return this;
    }

    /** How often due ticks are looked for (default 1 s): the most a tick fires late. */
    public Builder checkInterval(Duration interval) {
      this.checkInterval = interval;
      return this;
    }

    public ScheduleRunner build() {
      JobStore s = store;
      Set<String> names = new HashSet<>();
      for (Schedule sc : schedules) {
        if (!names.add(sc.name())) {
          throw new JobException(JobsErrorCode.INVALID_SCHEDULE, "two schedules are named '" + sc.name()
              + "'; names key the ticks, so each must be unique");
        }
      }
      if (s == null || checkInterval.isNegative() || checkInterval.isZero()) {
        throw new JobException(JobsErrorCode.INVALID_CONFIGURATION,
            "ScheduleRunner needs a store and a positive check interval");
      }
      return new ScheduleRunner(this, s);
    }
  }
}
