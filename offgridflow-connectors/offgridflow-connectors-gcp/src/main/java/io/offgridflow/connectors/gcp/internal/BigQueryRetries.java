package io.offgridflow.connectors.gcp.internal;

import com.google.api.gax.retrying.ResultRetryAlgorithm;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.retrying.TimedAttemptSettings;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryErrorMessages;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import io.offgridflow.connectors.gcp.GcpRetryPolicy;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which BigQuery failures are transient, and the client-side half of the retries. What
 * google-cloud-bigquery 2.59.0 does on its own (read from its source and observed against WireMock):
 * every REST call goes through {@code BigQueryRetryHelper} with the options' {@code RetrySettings}
 * and {@code ResultRetryAlgorithm}, but the default algorithm sees the raw {@code IOException} of the
 * HTTP layer and retries only connection errors and "Exceeded rate limits" messages; a 5xx of
 * {@code jobs.query}, {@code jobs.getQueryResults}, {@code jobs.get} or {@code tabledata.list} fails at
 * once. A query job that BigQuery reports failed (its status, or the HTTP error
 * {@code jobs.getQueryResults} translates it into) is never retried by the client: a failed job cannot
 * be resumed, only a new one helps.
 *
 * <p>Installing this class as the {@code ResultRetryAlgorithm} does not replace every decision of the
 * client: for {@code jobs.query}, {@code jobs.getQueryResults} and {@code jobs.insert} the client passes
 * its own {@code BigQueryRetryConfig} ({@code BigQueryImpl.DEFAULT_RETRY_CONFIG}: the messages
 * {@code "Exceeded rate limits:"} and {@code "Job exceeded rate limits:"} and the regex
 * {@code .*exceed.*rate.*limit.*}), and {@code BigQueryRetryAlgorithm} retries when that config
 * <em>or</em> this algorithm says so. No option turns that off, so such a failure
 * ({@link #clientRetriesAnyway}) is treated as one the client retries: the wait, the span event and the
 * interrupt handling are ours as for any other client retry, and the connector does not re-run it.
 *
 * <p>So the work is split by what a retry must re-send:
 * <ul>
 *   <li><b>The client</b> (this class as its {@code ResultRetryAlgorithm}, on a copy of the host's
 *       client, {@link #client}) retries {@code jobs.get} and {@code tabledata.list}: the job and its
 *       result table exist, and re-sending the same request (same page token) returns the same page,
 *       so a retried page is never counted twice. It also re-sends {@code jobs.query} and
 *       {@code jobs.getQueryResults} in two cases: a rate-limit message (above), and a failure that
 *       carries no request line ({@link #isQueryCall} cannot name the call), such as a
 *       {@code SocketTimeoutException} or a dropped connection. Both are safe: {@code jobs.query} is
 *       re-sent with the same {@code requestId}, which makes it idempotent (BigQuery answers with the
 *       same job), and {@code jobs.getQueryResults} is a read.
 *   <li><b>The connector</b> ({@link QueryRunner}) retries the other transient {@code jobs.query} and
 *       {@code jobs.getQueryResults} failures and failed jobs by running the query again as a new job,
 *       which is safe only because no row has been handed on yet; it never re-runs after the first row.
 * </ul>
 * A failure the client already retried is not re-run by the connector, so a persistent outage costs
 * at most {@code maxAttempts} requests, never {@code maxAttempts²}.
 *
 * <p>The wait between client attempts happens here, with the policy's {@link GcpRetryPolicy.Sleeper},
 * and the client's executor is told to wait zero: so the backoff is the policy's (deterministic, capped)
 * on both halves, and tests do not sleep. One instance per sync: it remembers how many attempts the
 * last failing request took, for the error message.
 */
public final class BigQueryRetries implements ResultRetryAlgorithm<Object> {
  private static final Logger LOG = LoggerFactory.getLogger(BigQueryRetries.class);
  private static final Set<Integer> TRANSIENT_STATUS = Set.of(429, 500, 502, 503, 504);
  /** BigQuery's error reasons that mean "try again" (https://cloud.google.com/bigquery/docs/error-messages). */
  private static final Set<String> TRANSIENT_REASONS = Set.of("backendError", "rateLimitExceeded", "internalError",
      "badGateway", "jobBackendError", "jobInternalError", "jobRateLimitExceeded");
  /**
   * The request line the HTTP layer puts in its exception message ({@code GET https://…/queries/job_1?…}):
   * the only place the failing call is named. {@code POST …/queries} is jobs.query, {@code GET …/queries/ID}
   * jobs.getQueryResults.
   */
  /** The messages of the client's own retry config (see {@link #clientRetriesAnyway}). */
  private static final List<String> CLIENT_RETRIED_MESSAGES = List.of(BigQueryErrorMessages.RATE_LIMIT_EXCEEDED_MSG,
      BigQueryErrorMessages.JOB_RATE_LIMIT_EXCEEDED_MSG);
  private static final Pattern CLIENT_RETRIED_REGEX =
      Pattern.compile(BigQueryErrorMessages.RetryRegExPatterns.RATE_LIMIT_EXCEEDED_REGEX.toLowerCase(Locale.ROOT));
  private static final Pattern QUERY_CALL = Pattern.compile("(?s).*\\b(POST|GET) \\S*/projects/[^/\\s]+/queries\\b.*");

  /** Span event per retry, on the query's span: which attempt comes next and what is retried. */
  static final String EVENT = "retry";
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("offgridflow.attempt");
  /** {@code request} (the client re-sends it) or {@code new job} (the connector runs the query again). */
  static final AttributeKey<String> RETRIED = AttributeKey.stringKey("offgridflow.retried");

  private final GcpRetryPolicy policy;
  private volatile int lastAttempts = 1;
  private volatile boolean interrupted;

  public BigQueryRetries(GcpRetryPolicy policy) {
    this.policy = policy;
  }

  public GcpRetryPolicy policy() {
    return policy;
  }

  /**
   * A copy of the host's client with this retry algorithm and the policy's attempts: same credentials,
   * project, location, host and transport. A client that was not built from {@link BigQueryOptions}
   * (a test double) is used as it is.
   */
  public BigQuery client(BigQuery host) {
    BigQueryOptions options;
    try {
      options = host.getOptions();
    } catch (RuntimeException e) {
      options = null;
    }
    if (options == null) {
      LOG.debug("BigQuery client {} has no options; its own retry settings apply", host);
      return host;
    }
    RetrySettings settings = RetrySettings.newBuilder()
        .setMaxAttempts(policy.maxAttempts())
        .setInitialRetryDelayDuration(policy.initialBackoff())
        .setMaxRetryDelayDuration(policy.maxBackoff())
        .setRetryDelayMultiplier(2)
        // No overall deadline: maxAttempts bounds the retries, and a slow page must not be cut short.
        .setTotalTimeoutDuration(Duration.ZERO)
        .build();
    return options.toBuilder().setRetrySettings(settings).setResultRetryAlgorithm(this).build().getService();
  }

  /** Attempts the most recent failing request took (1 when the client did not retry it). */
  public int lastAttempts() {
    return lastAttempts;
  }

  /** Whether a wait between client attempts was interrupted (the host is cancelling). */
  public boolean interrupted() {
    return interrupted;
  }

  /** Marks the start of a query run: the next failure's attempts are counted afresh. */
  public void reset() {
    lastAttempts = 1;
  }

  @Override
  public boolean shouldRetry(@Nullable Throwable previous, @Nullable Object response) {
    if (previous == null) {
      lastAttempts = 1; // a success ends any streak of failures
      return false;
    }
    // An interrupted wait (see createNextAttempt) ends the retries; the runner reports the cancellation.
    return !interrupted && retriedByClient(previous);
  }

  @Override
  public @Nullable TimedAttemptSettings createNextAttempt(@Nullable Throwable previous, @Nullable Object response,
      TimedAttemptSettings prev) {
    if (previous == null) {
      return null;
    }
    if (interrupted) {
      // The host is cancelling: no further attempt, even one the client's own retry config would make.
      return stop(prev);
    }
    int attempts = prev.getAttemptCount() + 1;
    lastAttempts = attempts;
    // The client's BigQueryRetryAlgorithm calls this when our shouldRetry or its own retry config says
    // "retry"; in the second case (a rate-limit message on jobs.query or jobs.getQueryResults) it retries
    // whatever we answer, so the wait must be ours then too. (It calls this only when one of the two
    // matched: clientRetriesAnyway on jobs.get or tabledata.list, which have no such config, does not get
    // here unless retriedByClient holds too.)
    if (!(retriedByClient(previous) || clientRetriesAnyway(previous)) || attempts >= policy.maxAttempts()) {
      // null lets the client's timed algorithm decide, which stops at maxAttempts (RetrySettings above).
      return null;
    }
    Duration wait = policy.backoff(attempts);
    LOG.info("BigQuery request failed ({}); attempt {} of {} in {}", firstLine(previous), attempts + 1,
        policy.maxAttempts(), wait);
    // The client calls this on the sync's thread, inside the query's span (QueryRunner makes it current).
    Span.current().addEvent(EVENT, Attributes.of(ATTEMPT, (long) attempts + 1, RETRIED, "request"));
    try {
      policy.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      // Stop retrying; the original error surfaces and the runner reports the interruption as cancellation.
      // Remembered here because the client's future clears the thread's flag on its way out (Guava's get()).
      interrupted = true;
      Thread.currentThread().interrupt();
      return stop(prev);
    }
    return prev.toBuilder()
        .setAttemptCount(attempts)
        .setOverallAttemptCount(prev.getOverallAttemptCount() + 1)
        .setRetryDelayDuration(Duration.ZERO)
        .setRandomizedRetryDelayDuration(Duration.ZERO)
        .build();
  }

  /**
   * Settings the client's timed algorithm refuses (attempt count at its {@code maxAttempts}), with no
   * delay: the only way to end retries that the client's own retry config would otherwise make.
   */
  private static TimedAttemptSettings stop(TimedAttemptSettings prev) {
    int max = prev.getGlobalSettings().getMaxAttempts();
    return prev.toBuilder()
        .setAttemptCount(Math.max(max, prev.getAttemptCount() + 1))
        .setOverallAttemptCount(prev.getOverallAttemptCount() + 1)
        .setRetryDelayDuration(Duration.ZERO)
        .setRandomizedRetryDelayDuration(Duration.ZERO)
        .build();
  }

  /** Whether the client should re-send this request: transient, and not a call the connector re-runs. */
  boolean retriedByClient(Throwable t) {
    return isTransient(t) && !isQueryCall(t);
  }

  /**
   * Whether the client retries this failure of {@code jobs.query}, {@code jobs.getQueryResults} or
   * {@code jobs.insert} whatever this algorithm answers: the check of google-cloud-bigquery 2.59.0's
   * {@code BigQueryRetryAlgorithm} against {@code BigQueryImpl.DEFAULT_RETRY_CONFIG}, copied — the
   * exception's own message, lower-cased, contains one of the rate-limit messages or matches the
   * rate-limit regex as a whole (no DOTALL, as there).
   */
  public static boolean clientRetriesAnyway(@Nullable Throwable t) {
    String m = t == null ? null : t.getMessage();
    if (m == null) {
      return false;
    }
    String lower = m.toLowerCase(Locale.ROOT);
    for (String retried : CLIENT_RETRIED_MESSAGES) {
      if (lower.contains(retried.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return CLIENT_RETRIED_REGEX.matcher(lower).matches();
  }

  /** Whether a failure was a jobs.query or jobs.getQueryResults call (or a failed job), which only a new job retries. */
  public static boolean isQueryCall(Throwable t) {
    if (t instanceof BigQueryException b && b.getCode() == 0 && b.getReason() != null) {
      return true; // the errors of a finished job's status, reported by the client without an HTTP call
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      String m = c.getMessage();
      if (c instanceof IOException && m != null && QUERY_CALL.matcher(m).matches()) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  /** HTTP 429/500/502/503/504, a transient BigQuery reason, or a dropped connection. */
  public static boolean isTransient(Throwable t) {
    if (t instanceof BigQueryException b) {
      if (TRANSIENT_STATUS.contains(b.getCode()) || isTransientReason(b.getReason())) {
        return true;
      }
      List<BigQueryError> errors = b.getErrors();
      if (errors != null && !errors.isEmpty() && errors.get(0) != null && isTransientReason(errors.get(0).getReason())) {
        return true;
      }
      return b.getCode() == 0 && b.getCause() != null && isTransient(b.getCause());
    }
    if (t instanceof SocketException || t instanceof SocketTimeoutException) {
      return true;
    }
    if (t instanceof IOException io) {
      // The HTTP layer's exception: parsed the way the client parses it (status code and first error reason).
      BigQueryException parsed = new BigQueryException(io);
      return TRANSIENT_STATUS.contains(parsed.getCode()) || isTransientReason(parsed.getReason());
    }
    return false;
  }

  private static boolean isTransientReason(@Nullable String reason) {
    return reason != null && TRANSIENT_REASONS.contains(reason);
  }

  private static String firstLine(Throwable t) {
    String m = String.valueOf(t.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
