package io.offgridflow.jobs;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A recurring job: a cron expression and the job to enqueue at each tick. Each tick is enqueued
 * with the unique key {@code cron:<name>:<tick epoch second>}, so however many nodes run the
 * schedule, the tick fires once.
 *
 * <p>Expressions are parsed by cron-utils in one of two dialects: {@link Dialect#UNIX} (five
 * fields: minute hour day-of-month month day-of-week, e.g. {@code 0 2 * * *}) or {@link
 * Dialect#QUARTZ} (six or seven fields starting with seconds, {@code ?} for an unused day field,
 * e.g. {@code 0 0/15 * * * ?}). Ticks are computed in {@code zone} (UTC unless set), so daylight
 * saving moves them as a local wall clock would.
 *
 * <p>A tick missed while no runner was up fires late if it is no older than {@code misfireGrace}
 * (15 minutes by default); older ones are skipped, so a node starting after a long outage does not
 * fire a backlog of stale ticks.
 *
 * <pre>{@code
 * Schedule nightly = Schedule.cron("nightly-sync", "0 2 * * *")
 *     .zone(ZoneId.of("Europe/Berlin"))
 *     .job(JobRequest.builder("acme", "connector.sync").payload(new SyncRequest("aws")).build())
 *     .build();
 * Worker.builder().store(store).handler(...).schedule(nightly).build().start();
 * }</pre>
 */
public final class Schedule {
  /** The cron dialect of an expression. */
  public enum Dialect {
    /** Classic five-field crontab: minute hour day-of-month month day-of-week. */
    UNIX(CronType.UNIX),
    /** Quartz: seconds minute hour day-of-month month day-of-week [year], with {@code ?}. */
    QUARTZ(CronType.QUARTZ);

    private final CronType type;

    Dialect(CronType type) {
      this.type = type;
    }
  }

  private final String name;
  private final String expression;
  private final Dialect dialect;
  private final ZoneId zone;
  private final JobRequest job;
  private final Duration misfireGrace;
  private final ExecutionTime executionTime;

  private Schedule(Builder b, JobRequest job) {
    this.name = b.name;
    this.expression = b.expression;
    this.dialect = b.dialect;
    this.zone = b.zone;
    this.job = job;
    this.misfireGrace = b.misfireGrace;
    Cron cron;
    try {
      cron = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(dialect.type)).parse(expression).validate();
    } catch (IllegalArgumentException e) {
      throw new JobException(JobsErrorCode.INVALID_SCHEDULE, "schedule '" + name + "': cron expression '" + expression
          + "' is not valid " + dialect + " cron: " + e.getMessage()
          + (dialect == Dialect.UNIX ? " (UNIX has 5 fields: minute hour day-of-month month day-of-week)"
              : " (QUARTZ has 6-7 fields starting with seconds, and '?' in one day field)"), e);
    }
    this.executionTime = ExecutionTime.forCron(cron);
  }

  /** Starts a schedule; {@code name} must be unique among the host's schedules (it keys the ticks). */
  public static Builder cron(String name, String expression) {
    return new Builder(name, expression);
  }

  public String name() {
    return name;
  }

  public String expression() {
    return expression;
  }

  public Dialect dialect() {
    return dialect;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The job enqueued at each tick (its run-at and unique key are set per tick). */
  public JobRequest job() {
    return job;
  }

  public Duration misfireGrace() {
    return misfireGrace;
  }

  /** The latest tick at or before {@code now}, if any. */
  public Optional<Instant> lastTick(Instant now) {
    ZonedDateTime t = now.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
    if (executionTime.isMatch(t)) {
      return Optional.of(t.toInstant());
    }
    return executionTime.lastExecution(t).map(ZonedDateTime::toInstant);
  }

  /** The first tick strictly after {@code now}, if any. */
  public Optional<Instant> nextTick(Instant now) {
    return executionTime.nextExecution(now.atZone(zone)).map(ZonedDateTime::toInstant);
  }

  /** The unique key of one tick: {@code cron:<name>:<epoch second>}. */
  public String uniqueKey(Instant tick) {
    return "cron:" + name + ":" + tick.getEpochSecond();
  }

  @Override
  public String toString() {
    return "Schedule[" + name + ", " + dialect + " '" + expression + "' in " + zone + " -> " + job.type() + "]";
  }

  /** Builds a {@link Schedule}. */
  public static final class Builder {
    private final String name;
    private final String expression;
    private Dialect dialect = Dialect.UNIX;
    private ZoneId zone = ZoneOffset.UTC;
    private @Nullable JobRequest job;
    private Duration misfireGrace = Duration.ofMinutes(15);

    private Builder(String name, String expression) {
      this.name = name;
      this.expression = expression;
    }

    public Builder dialect(Dialect dialect) {
      this.dialect = dialect;
      return this;
    }

    public Builder zone(ZoneId zone) {
      this.zone = zone;
      return this;
    }

    /** The job to enqueue per tick; its runAt, runIn and uniqueKey are replaced per tick. */
    public Builder job(JobRequest job) {
      this.job = job;
      return this;
    }

    public Builder misfireGrace(Duration grace) {
      this.misfireGrace = grace;
      return this;
    }

    public Schedule build() {
      JobRequest j = job;
      if (name.isBlank() || name.contains(":") || j == null || misfireGrace.isNegative()) {
        throw new JobException(JobsErrorCode.INVALID_SCHEDULE, "schedule '" + name + "' needs a non-blank name"
            + " without ':', a job (.job(JobRequest...)) and a non-negative misfire grace");
      }
      return new Schedule(this, j);
    }
  }
}
