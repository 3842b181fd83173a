package io.offgridflow.jobs.spi;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A job to insert, fully resolved by the client (defaults applied, payload serialised).
 *
 * @param tenantId owner of the job
 * @param type handler key
 * @param queue queue name
 * @param payload JSON document
 * @param runAt earliest start; a store marks the job SCHEDULED when this is after {@code createdAt},
 *     AVAILABLE otherwise
 * @param priority lower runs first
 * @param maxAttempts at least 1
 * @param timeout per-attempt limit
 * @param uniqueKey when non-null, a second job with the same tenant and key is not inserted while
 *     the first exists (whatever its status, until purged); the existing id is returned instead
 * @param createdAt the client's clock at enqueue
 */
public record NewJob(
    String tenantId,
    String type,
    String queue,
    String payload,
    Instant runAt,
    int priority,
    int maxAttempts,
    Duration timeout,
    @Nullable String uniqueKey,
    Instant createdAt) {}
