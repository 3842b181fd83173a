package io.offgridflow.connectors.gcp.internal;

import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryParameterValue;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.spi.Checkpoint;
import io.offgridflow.connectors.gcp.PartitionOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Incremental sync by partition (usage month or usage day). One cheap summary query asks BigQuery
 * for each partition's row count and a fingerprint (row count and rounded sums, computed in SQL so
 * the same table content always gives the same string); partitions whose fingerprint matches their
 * checkpoint are skipped, the rest are read. After the read, each partition's row count must equal
 * the summary's, else the table changed mid-sync and nothing is committed. Checkpoints are committed
 * only by {@link #commit}, after every partition was read.
 *
 * <pre>{@code
 * Partitions p = new Partitions("gcp-billing-export", table);
 * p.plan(runner, summarySql, params, ctx);     // which days changed since their checkpoints
 * // read p.toRead(), calling p.rowRead(day) per row, then:
 * List<PartitionOutcome> outcomes = p.verify();
 * p.commit(ctx);
 * }</pre>
 */
public final class Partitions {
  /** Alias of the partition column in the summary query. */
  public static final String KEY = "partition_key";
  /** Alias of the row count in the summary query. */
  public static final String ROWS = "row_count";
  /** Alias of the fingerprint in the summary query. */
  public static final String FINGERPRINT = "fingerprint";

  private final String connectorId;
  private final ExportTable table;
  private final Map<String, Summary> summaries = new LinkedHashMap<>();
  private final Map<String, Long> rowsRead = new HashMap<>();
  private final List<String> toRead = new ArrayList<>();
  private final Map<String, Boolean> hadCheckpoint = new HashMap<>();

  public Partitions(String connectorId, ExportTable table) {
    this.connectorId = connectorId;
    this.table = table;
  }

  /** Reads the summary query's result and decides which partitions to read. */
  public void plan(QueryRunner runner, String sql, Map<String, QueryParameterValue> params, SyncContext ctx) {
    long[] n = {0};
    runner.forEachRow("partition summary query", sql, params, row -> {
      n[0]++;
      Cells c = new Cells(table, row, n[0], "summary");
      String key = c.date(new Cells.Column("partition", KEY)).toString();
      long rows = (long) c.number(new Cells.Column("COUNT(*)", ROWS));
      String fp = c.text(new Cells.Column("fingerprint", FINGERPRINT));
      summaries.put(key, new Summary(key, fp, rows));
    });
    for (Summary s : summaries.values()) {
      Optional<Checkpoint> prior = find(ctx, s.key);
      hadCheckpoint.put(s.key, prior.isPresent());
      if (prior.isEmpty() || !prior.get().fingerprint().equals(s.fingerprint)) {
        toRead.add(s.key);
      }
    }
  }

  private Optional<Checkpoint> find(SyncContext ctx, String partition) {
    try {
      return ctx.stateStore().find(connectorId, sourceKey(partition));
    } catch (RuntimeException e) {
      throw new OffGridFlowException(CloudErrorCode.STATE_STORE_FAILURE, "cannot read the checkpoint of "
          + sourceKey(partition) + ": " + e.getMessage(), e);
    }
  }

  /** Partitions to read, in partition order. */
  public List<String> toRead() {
    return List.copyOf(toRead);
  }

  /** Counts one row read for a partition. */
  public void rowRead(String partition) {
    if (!summaries.containsKey(partition)) {
      // The read query selects only planned partitions: another one means the query and the plan disagree.
      throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, "table " + table + ": the read returned a row of "
          + "partition " + partition + ", which the summary query did not list; re-run the sync");
    }
    rowsRead.merge(partition, 1L, Long::sum);
  }

  /** Rows read so far in a partition. */
  public long rowsRead(String partition) {
    return rowsRead.getOrDefault(partition, 0L);
  }

  /**
   * Checks every read partition's row count against the summary and returns the outcome of every
   * partition of the range.
   */
  public List<PartitionOutcome> verify() {
    List<PartitionOutcome> out = new ArrayList<>();
    for (Summary s : summaries.values()) {
      if (!toRead.contains(s.key)) {
        out.add(new PartitionOutcome(s.key, s.fingerprint, PartitionOutcome.Status.SKIPPED_ALREADY_COUNTED, 0));
        continue;
      }
      long read = rowsRead(s.key);
      if (read != s.rows) {
        throw new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, "table " + table + ", partition " + s.key
            + ": the summary counted " + s.rows + " rows but " + read + " were read; the export changed during the "
            + "sync (Google restates recent partitions). Nothing was committed; re-run the sync");
      }
      out.add(new PartitionOutcome(s.key, s.fingerprint, hadCheckpoint.get(s.key)
          ? PartitionOutcome.Status.SUPERSEDED : PartitionOutcome.Status.COUNTED, read));
    }
    return out;
  }

  /**
   * Stores a checkpoint for every partition that was read, in one {@code putAll} so a store that can
   * (the PostgreSQL one) commits them all or none: a crash mid-commit never leaves a sync half counted.
   */
  public void commit(SyncContext ctx) {
    List<Checkpoint> checkpoints = new ArrayList<>(toRead.size());
    for (String key : toRead) {
      Summary s = summaries.get(key);
      checkpoints.add(new Checkpoint(connectorId, sourceKey(key), s.fingerprint, s.rows, ctx.clock().instant()));
    }
    if (checkpoints.isEmpty()) {
      return;
    }
    try {
      ctx.stateStore().putAll(checkpoints);
    } catch (RuntimeException e) {
      throw new OffGridFlowException(CloudErrorCode.STATE_STORE_FAILURE, "cannot store the checkpoints of "
          + table + " partitions " + toRead + ": " + e.getMessage(), e);
    }
  }

  /** The checkpoint source key of a partition: table id and partition date. */
  public String sourceKey(String partition) {
    return table.id() + "/" + partition;
  }

  private record Summary(String key, String fingerprint, long rows) {}
}
