package io.offgridflow.jobs.internal;

import io.offgridflow.jobs.JobCancelledException;
import io.offgridflow.jobs.JobContext;
import io.offgridflow.jobs.spi.ClaimedJob;
import io.opentelemetry.api.common.Attributes;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One claimed attempt on this worker, from claim until its completion is stored. A claimed job may
 * wait in the worker's prefetch buffer before a handler thread begins it. Its state machine decides
 * races between a handler beginning or finishing it and a shutdown handing it back (or a lost lease
 * dropping it): whichever moves the state first wins, and the loser does nothing.
 *
 * <pre>{@code
 * if (rj.begin(clock.instant())) { try { handler.handle(payload, rj); } finally { rj.detach(); } }
 * if (rj.finish()) { completions.add(...); }     // else a shutdown handed it back first
 * }</pre>
 */
public final class RunningJob implements JobContext {
  /** Why a handler was told to stop. */
  public enum StopReason {
    CANCELLED, TIMED_OUT, LEASE_LOST, SHUTDOWN
  }

  private static final int CLAIMED = 0;
  private static final int RUNNING = 1;
  private static final int DONE = 2;
  private static final int RELEASED = 3;

  private final ClaimedJob job;
  private final Attributes attributes;
  private final Consumer<RunningJob> heartbeatNow;
  private final AtomicInteger state = new AtomicInteger(CLAIMED);
  private volatile @Nullable StopReason stopReason;
  private volatile @Nullable Double progress;
  private volatile @Nullable Instant deadline;
  private @Nullable Thread runner;

  public RunningJob(ClaimedJob job, Attributes attributes, Consumer<RunningJob> heartbeatNow) {
    this.job = job;
    this.attributes = attributes;
    this.heartbeatNow = heartbeatNow;
  }

  public ClaimedJob job() {
    return job;
  }

  public Attributes attributes() {
    return attributes;
  }

  /** Marks the handler started on this thread; false if the job was handed back first. */
  public boolean begin(Instant now) {
    synchronized (this) {
      if (!state.compareAndSet(CLAIMED, RUNNING)) {
        return false;
      }
      runner = Thread.currentThread();
      deadline = now.plus(job.timeout());
    }
    // A stop requested before the handler started (cancelled, lease lost) still applies.
    if (stopReason != null) {
      Thread.currentThread().interrupt();
    }
    return true;
  }

  /**
   * Detaches the handler thread and clears an interrupt aimed at this job, so it cannot leak into
   * the next job the pool thread runs.
   */
  public void detach() {
    synchronized (this) {
      runner = null;
      Thread.interrupted();
    }
  }

  /** Claims the right to complete the job normally; false if a shutdown already handed it back. */
  public boolean finish() {
    return state.compareAndSet(RUNNING, DONE);
  }

  /** Claims the right to hand the job back (shutdown); false if the handler already finished. */
  public boolean release() {
    return state.compareAndSet(CLAIMED, RELEASED) || state.compareAndSet(RUNNING, RELEASED);
  }

  /**
   * Takes a job that is still waiting in the buffer out of it (shutdown hands it back, a lost lease
   * drops it); false if a handler already began it or it was taken out before.
   */
  public boolean unbuffer() {
    return state.compareAndSet(CLAIMED, RELEASED);
  }

  /** Claimed and waiting in the buffer: no handler has begun it. */
  public boolean isBuffered() {
    return state.get() == CLAIMED;
  }

  public boolean isRunning() {
    return state.get() == RUNNING;
  }

  public @Nullable Instant deadline() {
    return deadline;
  }

  /** Tells the handler to stop; the first reason wins, except that a lost lease overrides all. */
  public void stop(StopReason reason) {
    synchronized (this) {
      StopReason current = stopReason;
      if (current == null || (reason == StopReason.LEASE_LOST && current != StopReason.LEASE_LOST)) {
        stopReason = reason;
      }
      if (runner != null) {
        runner.interrupt();
      }
    }
  }

  public @Nullable StopReason stopReason() {
    return stopReason;
  }

  public @Nullable Double lastProgress() {
    return progress;
  }

  @Override
  public long jobId() {
    return job.id();
  }

  @Override
  public String tenantId() {
    return job.tenantId();
  }

  @Override
  public String type() {
    return job.type();
  }

  @Override
  public String queue() {
    return job.queue();
  }

  @Override
  public int attempt() {
    return job.attempt();
  }

  @Override
  public int maxAttempts() {
    return job.maxAttempts();
  }

  @Override
  public boolean isCancelled() {
    return stopReason != null;
  }

  @Override
  public void throwIfCancelled() {
    StopReason r = stopReason;
    if (r != null) {
      throw new JobCancelledException("job " + job.id() + " (" + job.type() + ", tenant " + job.tenantId()
          + ", attempt " + job.attempt() + ") must stop: " + r.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  @Override
  public void heartbeat() {
    heartbeatNow.accept(this);
  }

  @Override
  public void progress(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("progress must be between 0 and 1, was " + fraction + " (job " + job.id() + ")");
    }
    progress = fraction;
  }

  @Override
  public String toString() {
    return "job " + job.id() + " (" + job.type() + ", tenant " + job.tenantId() + ", attempt " + job.attempt() + ")";
  }
}
