package io.offgridflow.cloud;

import java.time.Duration;
import java.util.Optional;

/**
 * A progress report of a running sync.
 *
 * <pre>{@code
 * ProgressListener log = p -> LOG.info("{} rows, {} rows/s, eta {}", p.rows(), p.rowsPerSecond(), p.eta());
 * }</pre>
 *
 * @param source what is being read (file name or object key)
 * @param rows data rows read so far
 * @param bytes bytes read so far (compressed, as stored)
 * @param totalBytes total bytes of the source, or -1 if unknown
 * @param elapsed time since the sync started
 */
public record SyncProgress(String source, long rows, long bytes, long totalBytes, Duration elapsed) {

  /** Rows per second so far. */
  public double rowsPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s > 0 ? rows / s : 0;
  }

  /** Estimated time left, from bytes read against the total, when the total is known. */
  public Optional<Duration> eta() {
    if (totalBytes <= 0 || bytes <= 0) {
      return Optional.empty();
    }
    double left = (double) (totalBytes - bytes) / bytes * elapsed.toNanos();
    return Optional.of(Duration.ofNanos((long) Math.max(0, left)));
  }
}
