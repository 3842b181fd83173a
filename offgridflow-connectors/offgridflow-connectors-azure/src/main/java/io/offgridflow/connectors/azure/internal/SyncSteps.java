package io.offgridflow.connectors.azure.internal;

import com.azure.core.exception.AzureException;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.SyncProgress;
import io.offgridflow.cloud.spi.Checkpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The parts of a sync both Azure connectors share: checkpoint look-ups and commits with the state
 * store's failures named, progress at most four times a second, and cancellation between blocks.
 *
 * <pre>{@code
 * SyncSteps steps = new SyncSteps(ctx, "azure-cost-export");
 * run.read(store, file, steps.ticker(name, file.size()));
 * steps.commit(checkpoints);   // only once every file was read
 * }</pre>
 */
public final class SyncSteps {
  private static final long PROGRESS_EVERY_MS = 250;

  private final SyncContext ctx;
  private final String connectorId;
  private final Instant start;
  private long lastReport;

  public SyncSteps(SyncContext ctx, String connectorId) {
    this.ctx = ctx;
    this.connectorId = connectorId;
    this.start = ctx.clock().instant();
    this.lastReport = start.toEpochMilli();
  }

  /** The checkpoint of a source, if an earlier sync counted it. */
  public Optional<Checkpoint> find(String sourceKey) {
    try {
      return ctx.stateStore().find(connectorId, sourceKey);
    } catch (RuntimeException e) {
      throw new OffGridFlowException(CloudErrorCode.STATE_STORE_FAILURE,
          "cannot read the checkpoint of " + sourceKey + ": " + e.getMessage(), e);
    }
  }

  /** Every checkpoint of this connector. */
  public List<Checkpoint> all() {
    try {
      return ctx.stateStore().list(connectorId);
    } catch (RuntimeException e) {
      throw new OffGridFlowException(CloudErrorCode.STATE_STORE_FAILURE,
          "cannot list the checkpoints of " + connectorId + ": " + e.getMessage(), e);
    }
  }

  /** A checkpoint for a source read in this sync, stamped now. */
  public Checkpoint checkpoint(String sourceKey, String fingerprint, long rows) {
    return new Checkpoint(connectorId, sourceKey, fingerprint, rows, ctx.clock().instant());
  }

  /**
   * Stores the sync's checkpoints together ({@code putAll}: all or none where the store can), called
   * only once every source of the sync was read.
   */
  public void commit(List<Checkpoint> checkpoints) {
    if (checkpoints.isEmpty()) {
      return;
    }
    try {
      ctx.stateStore().putAll(checkpoints);
    } catch (RuntimeException e) {
      throw new OffGridFlowException(CloudErrorCode.STATE_STORE_FAILURE, "cannot store the " + checkpoints.size()
          + " checkpoints of " + connectorId + " (first: " + checkpoints.get(0).sourceKey() + "): " + e.getMessage(), e);
    }
  }

  /** The check run between files and every few thousand rows. */
  public Ticker ticker(String source, long totalBytes) {
    return (rows, bytes) -> {
      ctx.cancellation().throwIfCancelled(source + " after " + rows + " rows");
      long now = ctx.clock().millis();
      if (now - lastReport >= PROGRESS_EVERY_MS) {
        lastReport = now;
        report(source, rows, bytes, totalBytes);
      }
    };
  }

  public void throwIfCancelled(String where) {
    ctx.cancellation().throwIfCancelled(where);
  }

  /** Reports progress now (at the end of each file). */
  public void report(String source, long rows, long bytes, long totalBytes) {
    ctx.progress().onProgress(new SyncProgress(source, rows, bytes, totalBytes,
        Duration.between(start, ctx.clock().instant())));
  }

  /** Runs a storage call, turning the SDK's failures into a retryable SOURCE_UNREADABLE. */
  public static <T> T storage(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (AzureException e) {
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, what + ": " + e.getMessage(), e);
    }
  }
}
