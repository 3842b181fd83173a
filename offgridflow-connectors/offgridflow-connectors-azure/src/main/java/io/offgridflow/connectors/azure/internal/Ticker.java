package io.offgridflow.connectors.azure.internal;

/**
 * Called every few thousand rows: where a sync checks cancellation and reports progress.
 *
 * <pre>{@code
 * Ticker t = (rows, bytes) -> cancellation.throwIfCancelled("after " + rows + " rows");
 * }</pre>
 */
@FunctionalInterface
public interface Ticker {
  /**
   * @param rowsRead data rows read so far in the sync
   * @param storedBytes stored bytes read so far of the current file
   */
  void tick(long rowsRead, long storedBytes);
}
