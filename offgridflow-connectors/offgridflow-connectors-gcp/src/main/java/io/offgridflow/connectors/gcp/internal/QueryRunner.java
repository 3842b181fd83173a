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
import io.offgridflow.connectors.gcp.GcpRetryPolicy;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one parameterised Standard SQL query through the host's {@link BigQuery} client and streams
 * its rows, page by page ({@link TableResult#iterateAll()} fetches the next page only when the
 * current one is consumed, so memory stays at one page). Client errors become {@link
 * OffGridFlowException}s naming the table, the query, the HTTP status and reason; transient ones are
 * retried first (see {@link #forEachRow} and {@link BigQueryRetries}).
 *
 * <pre>{@code
 * QueryRunner q = new QueryRunner(bigQuery, table, tracer, GcpRetryPolicy.defaults());
 * long n = q.forEachRow("read of 3 days", sql, Map.of("days", dayArray), row -> run.add(...));
 * }</pre>
 */
public final class QueryRunner {
  /** Name of the span around each query, its pages included. */
  public static final String SPAN = "offgridflow.gcp.query";
  static final AttributeKey<String> SOURCE = AttributeKey.stringKey("offgridflow.source");
  static final AttributeKey<String> QUERY = AttributeKey.stringKey("offgridflow.query");
  static final AttributeKey<Long> ROWS = AttributeKey.longKey("offgridflow.rows");

  private static final Logger LOG = LoggerFactory.getLogger(QueryRunner.class);

  private final BigQuery client;
  private final ExportTable table;
  private final Tracer tracer;
  private final BigQueryRetries retries;

  /** One runner per sync: it derives a client with the retry policy from the host's (see {@link BigQueryRetries}). */
  public QueryRunner(BigQuery bigQuery, ExportTable table, Tracer tracer, GcpRetryPolicy policy) {
    this.retries = new BigQueryRetries(policy);
    this.client = retries.client(bigQuery);
    this.table = table;
    this.tracer = tracer;
  }

  /**
   * Runs {@code sql} with named parameters and hands each row to {@code sink}; returns rows seen.
   *
   * <p>A transient failure before the first row (jobs.query, jobs.getQueryResults, a job that ended
   * with a transient reason) runs the query again as a new job, up to the policy's attempts: nothing
   * was handed on, so nothing can be counted twice. After the first row only the client retries
   * (the same page again, see {@link BigQueryRetries}); a failure then ends the sync with nothing
   * committed, because a new job's rows could not be matched against the rows already counted.
   */
  public long forEachRow(String what, String sql, Map<String, QueryParameterValue> params,
      Consumer<FieldValueList> sink) {
    QueryJobConfiguration cfg = QueryJobConfiguration.newBuilder(sql)
        .setUseLegacySql(false)
        .setNamedParameters(params)
        .build();
    long n = 0;
    Span span = tracer.spanBuilder(SPAN).setAttribute(SOURCE, table.id()).setAttribute(QUERY, what).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      for (int run = 1; ; run++) {
        retries.reset();
        try {
          TableResult result = client.query(cfg);
          for (FieldValueList row : result.iterateAll()) {
            sink.accept(row);
            n++;
          }
          return n;
        } catch (BigQueryException e) {
          if (retries.interrupted() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted while retrying: " + e.getMessage());
          }
          boolean reRun = n == 0 && run < retries.policy().maxAttempts() && retries.lastAttempts() == 1
              && BigQueryRetries.isTransient(e) && BigQueryRetries.isQueryCall(e);
          if (!reRun) {
            // Requests for this query: one per earlier run, plus the client's attempts in this one (more than one
            // when the client re-sent jobs.query itself, e.g. on a rate-limit message).
            throw failure(what, e, n == 0 && BigQueryRetries.isQueryCall(e) ? run - 1 + retries.lastAttempts()
                : retries.lastAttempts(), n);
          }
          Duration wait = retries.policy().backoff(run);
          LOG.info("{}: {} failed (HTTP {}{}); running it again as a new job, attempt {} of {} in {}", table, what,
              e.getCode(), e.getReason() == null ? "" : " " + e.getReason(), run + 1, retries.policy().maxAttempts(),
              wait);
          span.addEvent(BigQueryRetries.EVENT, Attributes.of(BigQueryRetries.ATTEMPT, (long) run + 1,
              BigQueryRetries.RETRIED, "new job"));
          retries.policy().sleeper().sleep(wait);
        }
      }
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
  }

  private static <E extends RuntimeException> E recordFailure(Span span, E e) {
    span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
    return e;
  }

  private OffGridFlowException failure(String what, BigQueryException e, int attempts, long rowsHandedOn) {
    String reason = e.getReason() == null ? "" : " (" + e.getReason() + ")";
    String msg = table + ": " + what + " failed: HTTP " + e.getCode() + reason + ": " + e.getMessage();
    if (BigQueryRetries.isTransient(e)) {
      // Transient, and the retries ran out (or a re-run was unsafe after rows were read): the host may run
      // the sync again later; the checkpoints make that safe.
      String tried = attempts > 1 ? " after " + attempts + " attempts" : "";
      String why = rowsHandedOn > 0 && attempts <= 1
          ? "; the query is not run again after " + rowsHandedOn + " rows were read, so nothing is counted twice"
          : "";
      return new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, msg + tried + why
          + "; transient (retryable): nothing was committed, run the sync again later", e);
    }
    if (e.getCode() == 404) {
      return new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, msg
          + "; check the table id and that the export is enabled", e);
    }
    if (e.getCode() == 400 || e.getCode() == 403) {
      return new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, msg
          + "; check the table is the export the connector expects and the client may read it", e);
    }
    if (e.getCode() == 0 && e.getReason() == null && e.isRetryable()) {
      return new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, msg + "; run the sync again later", e);
    }
    return new OffGridFlowException(CloudErrorCode.SOURCE_UNREADABLE, msg, e);
  }
}
