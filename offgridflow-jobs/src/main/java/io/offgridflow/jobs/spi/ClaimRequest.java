package io.offgridflow.jobs.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One worker's request for up to {@code limit} jobs.
 *
 * <p>Claimable: status {@link io.offgridflow.jobs.JobStatus#isClaimable()}, {@code runAt <= now},
 * queue in {@code queues}, type in {@code types}. Order: priority, then run-at, then id. Tenant
 * fairness: a tenant may hold at most its limit of RUNNING jobs across all workers (running ones
 * count against it), so one tenant's backlog cannot starve the others.
 *
 * @param workerId who will hold the leases
 * @param queues queues to take from (non-empty)
 * @param types job types this worker has handlers for (non-empty)
 * @param limit at most this many jobs (>= 1)
 * @param now the worker's clock
 * @param lease how long the claim holds without a heartbeat
 * @param defaultTenantLimit running jobs allowed per tenant; {@link Integer#MAX_VALUE} for no limit
 * @param tenantLimits per-tenant overrides of {@code defaultTenantLimit}
 */
public record ClaimRequest(
    String workerId,
    Set<String> queues,
    Set<String> types,
    int limit,
    Instant now,
    Duration lease,
    int defaultTenantLimit,
    Map<String, Integer> tenantLimits) {

  public ClaimRequest {
    queues = Set.copyOf(queues);
    types = Set.copyOf(types);
    tenantLimits = Map.copyOf(tenantLimits);
    if (limit < 1 || queues.isEmpty() || types.isEmpty() || defaultTenantLimit < 1) {
      throw new IllegalArgumentException("claim needs limit >= 1, queues, types and a tenant limit >= 1");
    }
  }

  /** The running-job limit of one tenant. */
  public int limitFor(String tenantId) {
    return tenantLimits.getOrDefault(tenantId, defaultTenantLimit);
  }
}
