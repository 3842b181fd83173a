package io.offgridflow.connectors.gcp.internal;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.QueryParameterValue;
import com.google.cloud.bigquery.TableResult;
import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one parameterised Standard SQL query through the host's {@link BigQuery} client and streams
 * its rows, page by page ({@link TableResult#iterateAll()} fetches the next page only when the
 * current one is consumed, so memory stays at one page). Client errors become {@link
 * OffGridFlowException}s naming the table; whether they are retryable follows the client's verdict.
 */
public final class QueryRunner {
  private final BigQuery bigQuery;
  private final ExportTable table;

  public QueryRunner(BigQuery bigQuery, ExportTable table) {
    this.bigQuery = bigQuery;
    this.table = table;
  }

  /** Runs {@code sql} with named parameters and hands each row to {@code sink}; returns rows seen. */
  public long forEachRow(String what, String sql, Map<String, QueryParameterValue> params,
      Consumer<FieldValueList> sink) {
    QueryJobConfiguration cfg = QueryJobConfiguration.newBuilder(sql)
        .setUseLegacySql(false)
        .setNamedParameters(params)
        .build();
    long n = 0;
    try {
      TableResult result = bigQuery.query(cfg);
      for (FieldValueList row : result.iterateAll()) {
        sink.accept(row);
        n++;
      }
    } catch (BigQueryException e) {
      throw failure(what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OffGridFlowException(CloudErrorCode.SYNC_CANCELLED, table + ": " + what
          + " interrupted while waiting for BigQuery", e);
    }
    return n;
  }

  private OffGridFlowException failure(String what, BigQueryException e) {
    String reason = e.getReason() == null ? "" : " (" + e.getReason() + ")";
    String msg = table + ": " + what + " failed: HTTP " + e.getCode() + reason + ": " + e.getMessage();
    boolean transientFailure = e.isRetryable() || e.getCode() >= 500 || e.getCode() == 429 || e.getCode() == 0
        || "rateLimitExceeded".equals(e.getReason()) || "backendError".equals(e.getReason());
    if (transientFailure) {
      // The client already exhausted its own retries; the host may run the sync again later.
      return new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, msg, e);
    }
    if (e.getCode() == 404) {
      return new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, msg
          + "; check the table id and that the export is enabled", e);
    }
    if (e.getCode() == 400 || e.getCode() == 403) {
      return new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, msg
          + "; check the table is the export the connector expects and the client may read it", e);
    }
    return new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, msg, e);
  }
}
