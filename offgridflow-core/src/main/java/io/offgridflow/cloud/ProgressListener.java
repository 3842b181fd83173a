package io.offgridflow.cloud;

/**
 * Receives progress of a sync, at most a few times a second, on the syncing thread: keep it quick.
 *
 * <pre>{@code
 * ProgressListener p = progress -> bar.update(progress.rows());
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {
  /** Ignores progress. */
  ProgressListener NONE = p -> {};

  void onProgress(SyncProgress progress);
}
