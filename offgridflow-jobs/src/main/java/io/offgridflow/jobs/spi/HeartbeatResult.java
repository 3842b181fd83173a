package io.offgridflow.jobs.spi;

import java.util.Set;

/**
 * The answer to a heartbeat.
 *
 * @param renewed jobs whose lease was extended: still RUNNING under this worker and this attempt
 * @param lost jobs this worker no longer holds (rescued after an expired lease, or finished
 *     elsewhere); the worker should stop them and must not complete them
 * @param cancelRequested renewed jobs whose cancellation was requested; the worker signals their
 *     handlers through {@code JobContext}
 */
public record HeartbeatResult(Set<Long> renewed, Set<Long> lost, Set<Long> cancelRequested) {
  public HeartbeatResult {
    renewed = Set.copyOf(renewed);
    lost = Set.copyOf(lost);
    cancelRequested = Set.copyOf(cancelRequested);
  }
}
