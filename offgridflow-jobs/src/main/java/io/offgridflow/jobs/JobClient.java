package io.offgridflow.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offgridflow.jobs.internal.JobsTelemetry;
import io.offgridflow.jobs.spi.EnqueueOutcome;
import io.offgridflow.jobs.spi.JobStore;
import io.offgridflow.jobs.spi.NewJob;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Enqueues jobs and reads their history. Thread-safe; build one per store and share it.
 *
 * <pre>{@code
 * JobClient client = JobClient.builder().store(store).clock(clock).openTelemetry(otel).build();
 * Enqueued e = client.enqueue(JobRequest.builder("acme", "report.render").payload(new RenderRequest(42)).build());
 * client.find("acme", e.id()).map(JobRecord::status);            // AVAILABLE, RUNNING, SUCCEEDED, ...
 * client.purge(Duration.ofDays(30));                              // retention: drop old finished jobs
 * }</pre>
 */
public final class JobClient {
  /** Default attempts: with the default backoff (1, 2, 4, 8, 16, then 30 min) about 3.5 hours of retries. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
  public static final String DEFAULT_QUEUE = "default";

  private static final Set<JobStatus> FINAL = EnumSet.of(JobStatus.SUCCEEDED, JobStatus.DEAD, JobStatus.CANCELLED);

  private final JobStore store;
  private final ObjectMapper mapper;
  private final Clock clock;
  private final JobsTelemetry telemetry;
  private final String defaultQueue;
  private final int defaultMaxAttempts;
  private final Duration defaultTimeout;

  private JobClient(Builder b, JobStore store) {
    this.store = store;
    this.mapper = b.mapper != null ? b.mapper : new ObjectMapper().findAndRegisterModules();
    this.clock = b.clock;
    this.telemetry = new JobsTelemetry(b.otel);
    this.defaultQueue = b.defaultQueue;
    this.defaultMaxAttempts = b.defaultMaxAttempts;
    this.defaultTimeout = b.defaultTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Enqueues one job; a no-op returning the existing id when its unique key is taken. */
  public Enqueued enqueue(JobRequest request) {
    return enqueueAll(List.of(request)).get(0);
  }

  /**
   * Enqueues jobs in one store round trip, in order; results are in input order. Either every
   * payload serialises and the batch goes to the store, or nothing is enqueued.
   */
  public List<Enqueued> enqueueAll(List<JobRequest> requests) {
    if (requests.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    List<NewJob> jobs = new ArrayList<>(requests.size());
    for (JobRequest r : requests) {
      jobs.add(resolve(r, now));
    }
    List<EnqueueOutcome> outcomes = store.enqueue(jobs);
    List<Enqueued> out = new ArrayList<>(outcomes.size());
    for (int i = 0; i < outcomes.size(); i++) {
      EnqueueOutcome o = outcomes.get(i);
      if (o.inserted()) {
        telemetry.enqueued(jobs.get(i).type(), jobs.get(i).queue());
      }
      out.add(new Enqueued(o.id(), o.inserted()));
    }
    return out;
  }

  private NewJob resolve(JobRequest r, Instant now) {
    Instant runAt = r.runAt() != null ? r.runAt() : r.runIn() != null ? now.plus(r.runIn()) : now;
    return new NewJob(r.tenantId(), r.type(), r.queue() != null ? r.queue() : defaultQueue, toJson(r), runAt,
        r.priority() != null ? r.priority() : 0,
        r.maxAttempts() != null ? r.maxAttempts() : defaultMaxAttempts,
        r.timeout() != null ? r.timeout() : defaultTimeout,
        r.uniqueKey(), now);
  }

  private String toJson(JobRequest r) {
    Object payload = r.payload();
    if (payload == null) {
      return "{}";
    }
    try {
      return mapper.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new JobException(JobsErrorCode.PAYLOAD_UNWRITABLE, "payload of job type " + r.type() + " for tenant "
          + r.tenantId() + " (" + payload.getClass().getName() + ") cannot be written as JSON: "
          + e.getOriginalMessage() + "; give it getters or Jackson annotations, or pass a JsonNode", e);
    }
  }

  /**
   * Requests cancellation: a waiting job is cancelled at once, a running one is signalled through
   * its {@link JobContext} and ends CANCELLED if its handler stops.
   *
   * @return whether the job exists in this tenant and had not finished
   */
  public boolean cancel(String tenantId, long id) {
    return store.cancel(tenantId, id, clock.instant());
  }

  /** One job of one tenant, with its history. */
  public Optional<JobRecord> find(String tenantId, long id) {
    return store.find(tenantId, id);
  }

  /** Tenant-scoped history, newest first. */
  public List<JobRecord> query(JobQuery query) {
    return store.query(query);
  }

  /** Retention: deletes every finished job (succeeded, dead, cancelled) that finished longer ago than {@code keep}. */
  public long purge(Duration keep) {
    return purge(clock.instant().minus(keep), FINAL);
  }

  /**
   * Deletes finished jobs in the given statuses that finished before {@code finishedBefore}. Their
   * unique keys become free again.
   *
   * @throws JobException {@code INVALID_JOB} if a status is not final
   */
  public long purge(Instant finishedBefore, Collection<JobStatus> statuses) {
    for (JobStatus s : statuses) {
      if (!s.isFinal()) {
        throw new JobException(JobsErrorCode.INVALID_JOB,
            "purge deletes only finished jobs (SUCCEEDED, DEAD, CANCELLED); " + s + " is not final");
      }
    }
    return store.purge(finishedBefore, statuses);
  }

  /** Builds a {@link JobClient}. Only the store is required. */
  public static final class Builder {
    private @Nullable JobStore store;
    private @Nullable ObjectMapper mapper;
    private Clock clock = Clock.systemUTC();
    private OpenTelemetry otel = OpenTelemetry.noop();
    private String defaultQueue = DEFAULT_QUEUE;
    private int defaultMaxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration defaultTimeout = DEFAULT_TIMEOUT;

    private Builder() {}

    public Builder store(JobStore store) {
      this.store = store;
      return this;
    }

    /** The mapper that writes payloads; default a plain {@code ObjectMapper} with discovered modules. */
    public Builder objectMapper(ObjectMapper mapper) {
      this.mapper = mapper;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder openTelemetry(OpenTelemetry otel) {
      this.otel = otel;
      return this;
    }

    public Builder defaultQueue(String queue) {
      this.defaultQueue = queue;
      return this;
    }

    public Builder defaultMaxAttempts(int maxAttempts) {
      this.defaultMaxAttempts = maxAttempts;
      return this;
    }

    public Builder defaultTimeout(Duration timeout) {
      this.defaultTimeout = timeout;
      return this;
    }

    public JobClient build() {
      JobStore s = store;
      if (s == null) {
        throw new JobException(JobsErrorCode.INVALID_CONFIGURATION,
            "JobClient needs a store: .store(new InMemoryJobStore()) or a PostgresJobStore");
      }
      if (defaultQueue.isBlank() || defaultMaxAttempts < 1 || defaultTimeout.isNegative() || defaultTimeout.isZero()) {
        throw new JobException(JobsErrorCode.INVALID_CONFIGURATION, "JobClient defaults invalid: queue '"
            + defaultQueue + "', maxAttempts " + defaultMaxAttempts + ", timeout " + defaultTimeout);
      }
      return new JobClient(this, s);
    }
  }
}
