package io.offgridflow.cloud;

import io.offgridflow.OffGridFlowException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cancellation flag a host sets from any thread; a running sync checks it between blocks of rows
 * and stops with {@link CloudErrorCode#SYNC_CANCELLED}, committing no checkpoint.
 *
 * <pre>{@code
 * Cancellation c = new Cancellation();
 * executor.submit(() -> connector.sync(SyncContext.builder().cancellation(c).build()));
 * c.cancel();
 * }</pre>
 */
public final class Cancellation {
  private final AtomicBoolean cancelled = new AtomicBoolean();

  /** Requests the sync to stop. */
  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }

  /** Throws {@link CloudErrorCode#SYNC_CANCELLED} naming where the sync stopped, if cancelled. */
  public void throwIfCancelled(String where) {
    if (cancelled.get()) {
      throw new OffGridFlowException(CloudErrorCode.SYNC_CANCELLED, "sync cancelled at " + where);
    }
  }
}
