package io.offgridflow.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A job to enqueue through {@link JobClient}. Unset options take the client's defaults (queue
 * {@code default}, priority 0, the client's max attempts and timeout, due now).
 *
 * <pre>{@code
 * client.enqueue(JobRequest.builder("acme", "connector.sync")
 *     .payload(new SyncRequest("aws", "2025-01"))   // any Jackson-serialisable object, or a JsonNode
 *     .runAt(Instant.parse("2025-02-01T02:00:00Z"))
 *     .uniqueKey("sync:aws:2025-01")                // a second enqueue with this key is a no-op
 *     .build());
 * }</pre>
 *
 * @param tenantId the owning tenant (required)
 * @param type the handler key (required)
 * @param payload the handler's input, serialised to JSON by the client; null means {@code {}}
 * @param queue queue name, or null for the client's default
 * @param runAt earliest start, or null for now
 * @param runIn delay from now, or null; ignored when {@code runAt} is set
 * @param priority lower runs first, or null for 0
 * @param maxAttempts attempts before the job is dead, or null for the client's default
 * @param timeout per-attempt limit, or null for the client's default
 * @param uniqueKey deduplication key within the tenant, or null
 */
public record JobRequest(
    String tenantId,
    String type,
    @Nullable Object payload,
    @Nullable String queue,
    @Nullable Instant runAt,
    @Nullable Duration runIn,
    @Nullable Integer priority,
    @Nullable Integer maxAttempts,
    @Nullable Duration timeout,
    @Nullable String uniqueKey) {

  public JobRequest {
    require(!tenantId.isBlank(), "tenantId must not be blank (type " + type + ")");
    require(!type.isBlank(), "type must not be blank (tenant " + tenantId + ")");
    require(queue == null || !queue.isBlank(), "queue must not be blank when set (type " + type + ")");
    require(runIn == null || !runIn.isNegative(), "runIn must not be negative, was " + runIn + " (type " + type + ")");
    require(maxAttempts == null || maxAttempts >= 1,
        "maxAttempts must be at least 1, was " + maxAttempts + " (type " + type + ")");
    require(timeout == null || (!timeout.isNegative() && !timeout.isZero()),
        "timeout must be positive, was " + timeout + " (type " + type + ")");
    require(uniqueKey == null || !uniqueKey.isBlank(), "uniqueKey must not be blank when set (type " + type + ")");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new JobException(JobsErrorCode.INVALID_JOB, message);
    }
  }

  public Optional<String> uniqueKeyValue() {
    return Optional.ofNullable(uniqueKey);
  }

  /** Starts a request for one tenant and job type. */
  public static Builder builder(String tenantId, String type) {
    return new Builder(tenantId, type);
  }

  /** Builds a {@link JobRequest}. */
  public static final class Builder {
    private final String tenantId;
    private final String type;
    private @Nullable Object payload;
    private @Nullable String queue;
    private @Nullable Instant runAt;
    private @Nullable Duration runIn;
    private @Nullable Integer priority;
    private @Nullable Integer maxAttempts;
    private @Nullable Duration timeout;
    private @Nullable String uniqueKey;

    private Builder(String tenantId, String type) {
      this.tenantId = tenantId;
      this.type = type;
    }

    /** The handler's input: a Jackson-serialisable object or a {@code JsonNode}. */
    public Builder payload(@Nullable Object payload) {
      this.payload = payload;
      return this;
    }

    public Builder queue(String queue) {
      this.queue = queue;
      return this;
    }

    public Builder runAt(Instant runAt) {
      this.runAt = runAt;
      return this;
    }

    public Builder runIn(Duration delay) {
      this.runIn = delay;
      return this;
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder uniqueKey(String uniqueKey) {
      this.uniqueKey = uniqueKey;
      return this;
    }

    public JobRequest build() {
      return new JobRequest(tenantId, type, payload, queue, runAt, runIn, priority, maxAttempts, timeout, uniqueKey);
    }
  }
}
