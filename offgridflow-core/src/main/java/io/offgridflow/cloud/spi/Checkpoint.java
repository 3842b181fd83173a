package io.offgridflow.cloud.spi;

import java.time.Instant;

/**
 * A source a connector has fully counted.
 *
 * <pre>{@code
 * new Checkpoint("aws-cur", "/bills/2025-01.csv.gz", "size=123;crc32c=89ab", 1_000_000, clock.instant());
 * }</pre>
 *
 * @param connectorId the connector's id
 * @param sourceKey the source (file path, object key, billing period)
 * @param fingerprint content identity: a changed fingerprint means the source changed
 * @param rows data rows counted
 * @param completedAt when the sync of this source completed
 */
public record Checkpoint(String connectorId, String sourceKey, String fingerprint, long rows, Instant completedAt) {}
