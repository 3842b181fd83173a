package io.offgridflow.jobs.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * A job now RUNNING under the claiming worker's lease.
 *
 * @param attempt this attempt's number (the store incremented it on claim); completions must quote
 *     it, so a worker whose lease was lost and rescued cannot complete the newer attempt
 * @param leaseExpiresAt when the lease ends unless renewed by {@link JobStore#heartbeat}
 */
public record ClaimedJob(
    long id,
    String tenantId,
    String type,
    String queue,
    String payload,
    int attempt,
    int maxAttempts,
    Duration timeout,
    Instant runAt,
    Instant leaseExpiresAt) {}
