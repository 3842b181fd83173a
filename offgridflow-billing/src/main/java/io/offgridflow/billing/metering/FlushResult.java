package io.offgridflow.billing.metering;

/**
 * What one {@link MeterEventFlusher#flush()} did.
 *
 * <pre>{@code
 * FlushResult r = flusher.flush();
 * if (r.gatewayUnavailable()) { backOff(); }
 * }</pre>
 *
 * @param sent records the gateway accepted
 * @param rejected records parked for good (no customer, refused by the gateway)
 * @param gatewayUnavailable whether the flush stopped early on a retryable gateway failure
 * @param pendingAfter records still waiting
 */
public record FlushResult(int sent, int rejected, boolean gatewayUnavailable, long pendingAfter) {}
