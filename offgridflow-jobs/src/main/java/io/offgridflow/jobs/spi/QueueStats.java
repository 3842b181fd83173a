package io.offgridflow.jobs.spi;

import java.time.Duration;

/**
 * Backlog of one queue, for the queue-depth and lag gauges.
 *
 * @param queue queue name
 * @param ready claimable jobs whose run-at has come
 * @param running jobs under a lease
 * @param lag how long the oldest ready job has waited past its run-at ({@link Duration#ZERO} if none)
 */
public record QueueStats(String queue, long ready, long running, Duration lag) {}
