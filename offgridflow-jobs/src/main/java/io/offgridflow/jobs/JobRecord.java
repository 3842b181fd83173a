package io.offgridflow.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A job as the store holds it: what to run, for whom, and its history so far. Returned by history
 * queries; immutable.
 *
 * @param id store-assigned id, unique within the store
 * @param tenantId the tenant that owns the job; every query is scoped by it
 * @param type the handler key, e.g. {@code connector.sync}
 * @param queue the queue it runs on ({@code default} unless given)
 * @param payload the handler's input as a JSON document
 * @param status where it is in its life
 * @param priority lower runs first (0 is the default; negative is urgent)
 * @param attempt attempts started so far (0 before the first claim)
 * @param maxAttempts attempts allowed before the job is dead
 * @param timeout how long one attempt may run before it is treated as failed
 * @param runAt earliest time of the next attempt
 * @param createdAt when it was enqueued
 * @param startedAt when the latest attempt started, if any
 * @param finishedAt when it reached a final status, if it has
 * @param uniqueKey the deduplication key it was enqueued with, if any
 * @param leaseOwner the worker holding it while RUNNING
 * @param leaseExpiresAt when that worker's lease runs out unless renewed
 * @param progress the handler's last progress report (0 to 1), if any
 * @param errors every failed attempt's error, oldest first
 */
public record JobRecord(
    long id,
    String tenantId,
    String type,
    String queue,
    String payload,
    JobStatus status,
    int priority,
    int attempt,
    int maxAttempts,
    Duration timeout,
    Instant runAt,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable String uniqueKey,
    @Nullable String leaseOwner,
    @Nullable Instant leaseExpiresAt,
    @Nullable Double progress,
    List<AttemptError> errors) {

  public JobRecord {
    errors = List.copyOf(errors);
  }

  public Optional<String> uniqueKeyValue() {
    return Optional.ofNullable(uniqueKey);
  }
}
