package io.offgridflow.jobs;

/**
 * What a handler knows about the attempt it runs, and how it talks back to the worker.
 *
 * <pre>{@code
 * (payload, ctx) -> {
 *   if (ctx.attempt() > 1) log.info("retrying job {} (attempt {})", ctx.jobId(), ctx.attempt());
 *   for (Chunk c : chunks) {
 *     ctx.throwIfCancelled();      // cancelled, timed out, lease lost or shutting down
 *     process(c);
 *     ctx.progress(c.fraction());  // stored with the next heartbeat
 *   }
 * }
 * }</pre>
 */
public interface JobContext {
  long jobId();

  String tenantId();

  String type();

  String queue();

  /** This attempt's number, from 1. */
  int attempt();

  int maxAttempts();

  /** Whether a failure now would make the job dead. */
  default boolean isLastAttempt() {
    return attempt() >= maxAttempts();
  }

  /**
   * Whether the handler should stop: the job was cancelled, its attempt timed out, its lease was
   * lost, or the worker is shutting down past its deadline. The handler thread is also interrupted.
   */
  boolean isCancelled();

  /** Throws {@link JobCancelledException} if {@link #isCancelled()}. */
  void throwIfCancelled();

  /**
   * Renews this job's lease now (the worker renews every lease periodically anyway; call this
   * before a step that may outlast the lease) and learns of a cancellation or a lost lease.
   */
  void heartbeat();

  /** Reports progress from 0 to 1; kept with the job and sent with the next heartbeat. */
  void progress(double fraction);
}
