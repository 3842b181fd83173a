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
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one parameterised Standard SQL query through the host's {@link BigQuery} client and streams
 * its rows, page by page ({@link TableResult#iterateAll()} fetches the next page only when the
 * current one is consumed, so memory stays at one page). Client errors become {@link
 * OffGridFlowException}s naming the table; whether they are retryable follows the client's verdict.
 *
 * <pre>{@code
 * QueryRunner q = new QueryRunner(bigQuery, table, tracer);
 * long n = q.forEachRow("read of 3 days", sql, Map.of("days", dayArray), row -> run.add(...));
 * }</pre>
 */
public final class QueryRunner {
  /** Name of the span around each query, its pages included. */
  public static final String SPAN = "offgridflow.gcp.query";
  static final AttributeKey<String> SOURCE = AttributeKey.stringKey("offgridflow.source");
  static final AttributeKey<String> QUERY = AttributeKey.stringKey("offgridflow.query");
  static final AttributeKey<Long> ROWS = AttributeKey.longKey("offgridflow.rows");

  private final BigQuery bigQuery;
  private final ExportTable table;
  private final Tracer tracer;

  public QueryRunner(BigQuery bigQuery, ExportTable table, Tracer tracer) {
    this.bigQuery = bigQuery;
    this.table = table;
    this.tracer = tracer;
  }

  /** Runs {@code sql} with named parameters and hands each row to {@code sink}; returns rows seen. */
  public long forEachRow(String what, String sql, Map<String, QueryParameterValue> params,
      Consumer<FieldValueList> sink) {
    QueryJobConfiguration cfg = QueryJobConfiguration.newBuilder(sql)
        .setUseLegacySql(false)
        .setNamedParameters(params)
        .build();
    long n = 0;
    Span span = tracer.spanBuilder(SPAN).setAttribute(SOURCE, table.id()).setAttribute(QUERY, what).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      TableResult result = bigQuery.query(cfg);
      for (FieldValueList row : result.iterateAll()) {
        sink.accept(row);
        n++;
      }
    } catch (BigQueryException e) {
      throw recordFailure(span, failure(what, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw recordFailure(span, new OffGridFlowException(CloudErrorCode.SYNC_CANCELLED, table + ": " + what
          + " interrupted while waiting for BigQuery", e));
    } catch (RuntimeException e) {
      throw recordFailure(span, e);
    } finally {
      span.setAttribute(ROWS, n);
      span.end();
    }
    return n;
  }

  private static <E extends RuntimeException> E recordFailure(Span span, E e) {
    span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
    return e;
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
