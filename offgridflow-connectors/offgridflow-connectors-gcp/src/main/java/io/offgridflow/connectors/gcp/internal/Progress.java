package io.offgridflow.connectors.gcp.internal;

import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.SyncProgress;
import java.time.Duration;
import java.time.Instant;

/**
 * Reports rows read to the host's listener at most every 250 ms and checks cancellation every
 * {@value #CHECK_EVERY} rows (a flag read, cheap), so a cancelled sync stops within one block of rows.
 * BigQuery gives no byte counts for a query result, so bytes are reported as 0 and total as unknown.
 *
 * <pre>{@code
 * Progress p = new Progress(ctx, table.id());
 * p.rowRead(++rows);   // per row: cancellation check and throttled report
 * p.done(rows);
 * }</pre>
 */
public final class Progress {
  static final int CHECK_EVERY = 256;
  private static final long REPORT_EVERY_MS = 250;

  private final SyncContext ctx;
  private final String source;
  private final Instant start;
  private long lastReport;

  public Progress(SyncContext ctx, String source) {
    this.ctx = ctx;
    this.source = source;
    this.start = ctx.clock().instant();
    this.lastReport = start.toEpochMilli();
  }

  /** Called once per row with the running count. */
  public void rowRead(long rows) {
    if (rows % CHECK_EVERY != 0) {
      return;
    }
    ctx.cancellation().throwIfCancelled(source + " after " + rows + " rows");
    long now = ctx.clock().millis();
    if (now - lastReport >= REPORT_EVERY_MS) {
      lastReport = now;
      report(rows);
    }
  }

  /** Final report of a read. */
  public void done(long rows) {
    report(rows);
  }

  private void report(long rows) {
    ctx.progress().onProgress(new SyncProgress(source, rows, 0, -1, Duration.between(start, ctx.clock().instant())));
  }
}
