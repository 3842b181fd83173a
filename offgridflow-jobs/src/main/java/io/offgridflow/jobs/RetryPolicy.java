package io.offgridflow.jobs;

import io.offgridflow.OffGridFlowException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * When a failed attempt runs again. The delay after attempt {@code n} is {@code initialDelay *
 * multiplier^(n-1)}, capped at {@code maxDelay}, then shortened by a random share of up to {@code
 * jitter} so that jobs failing together (an outage) do not all retry in the same second. Jitter only
 * shortens, so {@code maxDelay} stays a true upper bound. Default: 1 minute doubling to a 30-minute
 * cap, jitter 0.2 (attempt 1 waits 48 to 60 s, attempt 6 onwards 24 to 30 min).
 *
 * <p>Exceptions for which {@link #isRetryable} is false make the job dead at once: by default a
 * {@link NonRetryableException}, or any {@link OffGridFlowException} whose code is not retryable.
 *
 * <pre>{@code
 * Worker.builder()
 *     .handler("mail.send", Mail.class, sender,
 *         RetryPolicy.builder().initialDelay(Duration.ofSeconds(10)).maxDelay(Duration.ofMinutes(5)).build())
 * }</pre>
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();

  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;
  private final double jitter;
  private final Predicate<Throwable> nonRetryable;

  private RetryPolicy(Builder b) {
    this.initialDelay = b.initialDelay;
    this.maxDelay = b.maxDelay;
    this.multiplier = b.multiplier;
    this.jitter = b.jitter;
    this.nonRetryable = b.nonRetryable;
  }

  /** 1 minute doubling to 30 minutes, jitter 0.2. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Duration initialDelay() {
    return initialDelay;
  }

  public Duration maxDelay() {
    return maxDelay;
  }

  public double multiplier() {
    return multiplier;
  }

  public double jitter() {
    return jitter;
  }

  /**
   * The wait after attempt {@code attempt} failed.
   *
   * @param attempt the failed attempt, from 1
   * @param random a uniform draw from [0, 1); the worker passes a fresh one per failure
   */
  public Duration delay(int attempt, double random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1, was " + attempt);
    }
    double base = initialDelay.toMillis() * Math.pow(multiplier, attempt - 1);
    double capped = Math.min(base, (double) maxDelay.toMillis());
    return Duration.ofMillis(Math.round(capped * (1 - jitter * random)));
  }

  /** Whether a failure with {@code error} may be retried (attempts permitting). */
  public boolean isRetryable(Throwable error) {
    return !nonRetryable.test(error);
  }

  private static boolean defaultNonRetryable(Throwable t) {
    return t instanceof NonRetryableException || (t instanceof OffGridFlowException e && !e.isRetryable()
        && !(t instanceof JobCancelledException));
  }

  @Override
  public String toString() {
    return "RetryPolicy[initial=" + initialDelay + ", max=" + maxDelay + ", x" + multiplier + ", jitter=" + jitter + "]";
  }

  /** Builds a {@link RetryPolicy}; unset values keep the defaults. */
  public static final class Builder {
    private Duration initialDelay = Duration.ofMinutes(1);
    private Duration maxDelay = Duration.ofMinutes(30);
    private double multiplier = 2;
    private double jitter = 0.2;
    private Predicate<Throwable> nonRetryable = RetryPolicy::defaultNonRetryable;

    private Builder() {}

    public Builder initialDelay(Duration d) {
      this.initialDelay = d;
      return this;
    }

    public Builder maxDelay(Duration d) {
      this.maxDelay = d;
      return this;
    }

    public Builder multiplier(double m) {
      this.multiplier = m;
      return this;
    }

    /** Share of the delay, 0 to 1, that may be cut at random; 0 for exact delays. */
    public Builder jitter(double j) {
      this.jitter = j;
      return this;
    }

    /** Which failures skip the remaining attempts; replaces the default test. */
    public Builder nonRetryable(Predicate<Throwable> test) {
      this.nonRetryable = test;
      return this;
    }

    public RetryPolicy build() {
      if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || multiplier < 1
          || !(jitter >= 0 && jitter <= 1)) {
        throw new JobException(JobsErrorCode.INVALID_CONFIGURATION, "retry policy needs 0 <= initialDelay <= maxDelay,"
            + " multiplier >= 1 and jitter in [0, 1]; got initial " + initialDelay + ", max " + maxDelay
            + ", multiplier " + multiplier + ", jitter " + jitter);
      }
      return new RetryPolicy(this);
    }
  }
}
