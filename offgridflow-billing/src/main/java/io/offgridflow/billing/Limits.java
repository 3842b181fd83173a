package io.offgridflow.billing;

import io.offgridflow.billing.internal.BillingTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * Counts each tenant's use of its plan limits and refuses use beyond the allowance. Allowances come
 * from {@link Entitlements}, so a plan change or a lapse applies to the next call. Use of a
 * {@link Limit.Reset#MONTHLY} limit starts from zero each calendar month (UTC, by the injected
 * clock); use of a {@link Limit.Reset#NEVER} limit (seats, connectors) goes down only through
 * {@link #release}. Counters live in this JVM's memory: hosts running several instances either
 * route a tenant to one instance or keep their own shared counters.
 *
 * <pre>{@code
 * Limits limits = Limits.builder(entitlements).build();
 * limits.consume("acme", Limit.ACTIVITY_ROWS_PER_MONTH, rows.size()); // throws LimitExceededException
 * }</pre>
 */
public final class Limits {
  private final Entitlements entitlements;
  private final Clock clock;
  private final BillingTelemetry telemetry;
  private final ConcurrentHashMap<CounterKey, AtomicReference<Use>> counters = new ConcurrentHashMap<>();

  private Limits(Entitlements entitlements, Clock clock, BillingTelemetry telemetry) {
    this.entitlements = entitlements;
    this.clock = clock;
    this.telemetry = telemetry;
  }

  public static Builder builder(Entitlements entitlements) {
    return new Builder(entitlements);
  }

  /**
   * Adds {@code amount} to the tenant's use of {@code limit} if the result stays within the
   * allowance; otherwise changes nothing and throws.
   *
   * @return the use after this call
   * @throws LimitExceededException carrying the allowance and the use before the call
   */
  public long consume(String tenantId, Limit limit, long amount) {
    requirePositive(limit, amount);
    long allowance = entitlements.allowance(tenantId, limit);
    long period = periodOf(limit);
    AtomicReference<Use> counter = counter(tenantId, limit);
    while (true) {
      Use current = counter.get();
      long used = current.period == period ? current.used : 0;
      if (allowance != Plan.UNLIMITED && (amount > allowance || used > allowance - amount)) {
        telemetry.limitDenied(limit.key());
        throw new LimitExceededException(tenantId, limit, allowance, used, amount);
      }
      Use next = new Use(period, used + amount);
      if (counter.compareAndSet(current, next)) {
        return next.used;
      }
    }
  }

  /** Gives back {@code amount} of a held limit (a seat freed, a connector removed); never below zero. */
  public long release(String tenantId, Limit limit, long amount) {
    requirePositive(limit, amount);
    long period = periodOf(limit);
    Use after = counter(tenantId, limit).updateAndGet(current -> {
      long used = current.period == period ? current.used : 0;
      return new Use(period, Math.max(0, used - amount));
    });
    return after.used;
  }

  /** The tenant's use of {@code limit} in the current period. */
  public long use(String tenantId, Limit limit) {
    AtomicReference<Use> counter = counters.get(new CounterKey(tenantId, limit));
    if (counter == null) {
      return 0;
    }
    Use current = counter.get();
    return current.period == periodOf(limit) ? current.used : 0;
  }

  /** How much more the tenant may consume now ({@link Plan#UNLIMITED} when uncapped). */
  public long remaining(String tenantId, Limit limit) {
    long allowance = entitlements.allowance(tenantId, limit);
    return allowance == Plan.UNLIMITED ? Plan.UNLIMITED : Math.max(0, allowance - use(tenantId, limit));
  }

  private AtomicReference<Use> counter(String tenantId, Limit limit) {
    return counters.computeIfAbsent(new CounterKey(tenantId, limit), k -> new AtomicReference<>(new Use(0, 0)));
  }

  private long periodOf(Limit limit) {
    if (limit.reset() == Limit.Reset.NEVER) {
      return 0;
    }
    ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
    return now.getYear() * 12L + now.getMonthValue();
  }

  private static void requirePositive(Limit limit, long amount) {
    if (amount <= 0) {
      throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "amount " + amount + " for limit "
          + limit.key() + " must be at least 1");
    }
  }

  private record CounterKey(String tenantId, Limit limit) {}

  /** Use within one period: the calendar month index for monthly limits, 0 for held ones. */
  private record Use(long period, long used) {}

  /** Configures {@link Limits}. */
  public static final class Builder {
    private final Entitlements entitlements;
    private Clock clock = Clock.systemUTC();
    private @Nullable OpenTelemetry openTelemetry;
    private @Nullable BillingTelemetry telemetry;

    private Builder(Entitlements entitlements) {
      this.entitlements = entitlements;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      return this;
    }

    Builder telemetry(BillingTelemetry telemetry) {
      this.telemetry = telemetry;
      return this;
    }

    public Limits build() {
      BillingTelemetry t = telemetry != null ? telemetry
          : new BillingTelemetry(openTelemetry == null ? OpenTelemetry.noop() : openTelemetry);
      return new Limits(entitlements, clock, t);
    }
  }
}
