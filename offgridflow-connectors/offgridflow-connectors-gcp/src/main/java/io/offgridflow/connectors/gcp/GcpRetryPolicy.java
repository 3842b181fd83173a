package io.offgridflow.connectors.gcp;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import java.time.Duration;
import java.util.Objects;

/**
 * How the GCP connectors retry BigQuery's transient failures (HTTP 429, 500, 502, 503, 504, and the
 * reasons {@code backendError}, {@code rateLimitExceeded}, {@code internalError}, {@code badGateway}, also
 * when a query job ends with one of them): up to {@link #maxAttempts()} attempts with exponential
 * backoff, {@link #initialBackoff()} doubled per retry and capped at {@link #maxBackoff()}. Permanent
 * failures (400 invalid query, 403 access denied, 404 not found) are never retried.
 *
 * <p>The backoff is deterministic (no jitter): the connectors run one query at a time per sync, so
 * there is no herd of requests to spread out, and a host that runs many syncs at once can stagger
 * them itself. The {@link Sleeper} is injectable so a test (or a host with its own scheduler) decides
 * how the waiting happens.
 *
 * <pre>{@code
 * GcpRetryPolicy retry = GcpRetryPolicy.builder()
 *     .maxAttempts(6)
 *     .initialBackoff(Duration.ofSeconds(2))
 *     .maxBackoff(Duration.ofMinutes(1))
 *     .build();
 * GcpBillingExportConnector.builder().bigQuery(bq).table(t).days(first, last).retry(retry).build();
 * }</pre>
 */
public final class GcpRetryPolicy {
  /** Waits between attempts; {@code Thread::sleep} by default. */
  @FunctionalInterface
  public interface Sleeper {
    /** Waits for {@code duration}; throws if interrupted (the sync then stops as cancelled). */
    void sleep(Duration duration) throws InterruptedException;
  }

  private static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Sleeper sleeper;

  private GcpRetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.sleeper = b.sleeper;
  }

  /** 5 attempts, 1 s initial backoff, 30 s at most: waits of 1, 2, 4 and 8 s before giving up. */
  public static GcpRetryPolicy defaults() {
    return builder().build();
  }

  /** One attempt: every failure surfaces at once (transient ones as retryable). */
  public static GcpRetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Attempts per request (and per query job), the first included; 1 means no retry. */
  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  /** The wait before retry number {@code retry} (1 = before the second attempt). */
  public Duration backoff(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry numbers start at 1: " + retry);
    }
    Duration d = initialBackoff;
    for (int i = 1; i < retry && d.compareTo(maxBackoff) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  @Override
  public String toString() {
    return "GcpRetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
        + maxBackoff + "]";
  }

  /** Builds a {@link GcpRetryPolicy}; every setting has a default. */
  public static final class Builder {
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Sleeper sleeper = THREAD_SLEEP;

    private Builder() {}

    /** Attempts per request, the first included (default 5; 1 disables retries). */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    /** Wait before the first retry (default 1 s); doubled for each further retry. */
    public Builder initialBackoff(Duration d) {
      this.initialBackoff = Objects.requireNonNull(d, "initialBackoff");
      return this;
    }

    /** Longest wait between two attempts (default 30 s). */
    public Builder maxBackoff(Duration d) {
      this.maxBackoff = Objects.requireNonNull(d, "maxBackoff");
      return this;
    }

    /** How to wait (default {@code Thread.sleep}); tests pass a recording sleeper. */
    public Builder sleeper(Sleeper s) {
      this.sleeper = Objects.requireNonNull(s, "sleeper");
      return this;
    }

    public GcpRetryPolicy build() {
      if (maxAttempts < 1) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "retry maxAttempts " + maxAttempts
            + " must be at least 1 (1 = no retry)");
      }
      if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "retry backoff must not be negative: "
            + "initialBackoff " + initialBackoff + ", maxBackoff " + maxBackoff);
      }
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "retry maxBackoff " + maxBackoff
            + " is shorter than initialBackoff " + initialBackoff);
      }
      return new GcpRetryPolicy(this);
    }
  }
}
