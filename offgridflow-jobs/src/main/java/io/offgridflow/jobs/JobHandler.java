package io.offgridflow.jobs;

/**
 * Runs one job type. The worker reads the stored JSON payload into {@code T} (a record, a bean, or
 * {@code JsonNode}) and calls {@link #handle}. Returning normally succeeds the attempt; throwing
 * fails it (retried under the type's {@link RetryPolicy}, or dead at once for a {@link
 * NonRetryableException}). Handlers run on worker threads, several at a time: they must be
 * thread-safe. A long handler checks {@link JobContext#throwIfCancelled()} between steps and
 * responds to interruption, which is how cancellation, timeouts and lost leases reach it.
 *
 * <pre>{@code
 * JobHandler<SyncRequest> sync = (req, ctx) -> {
 *   for (String month : req.months()) {
 *     ctx.throwIfCancelled();
 *     connector.sync(ctx.tenantId(), month);
 *     ctx.progress((double) (req.months().indexOf(month) + 1) / req.months().size());
 *   }
 * };
 * }</pre>
 *
 * @param <T> the payload type
 */
@FunctionalInterface
public interface JobHandler<T> {
  /** Runs one attempt. */
  void handle(T payload, JobContext context) throws Exception;
}
