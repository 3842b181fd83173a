package io.offgridflow.billing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A numeric limit a plan sets, such as seats or activity rows per month.
 *
 * <pre>{@code
 * Limit apiCalls = Limit.monthly("api_calls");
 * limits.consume(tenantId, apiCalls, 1);
 * }</pre>
 *
 * @param key the stable key, e.g. {@code seats}
 * @param reset whether use starts from zero each calendar month (UTC) or only goes down when released
 */
public record Limit(String key, Reset reset) {
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,79}");

  /** Connectors configured at the same time. */
  public static final Limit CONNECTORS = new Limit("connectors", Reset.NEVER);
  /** Activity rows calculated per calendar month. */
  public static final Limit ACTIVITY_ROWS_PER_MONTH = new Limit("activity_rows_per_month", Reset.MONTHLY);
  /** User seats. */
  public static final Limit SEATS = new Limit("seats", Reset.NEVER);
  /** Report exports per calendar month. */
  public static final Limit REPORT_EXPORTS_PER_MONTH = new Limit("report_exports_per_month", Reset.MONTHLY);

  /** How use of a limit goes back down. */
  public enum Reset {
    /** Use is held until released (seats, connectors). */
    NEVER,
    /** Use starts from zero at the start of each calendar month, UTC. */
    MONTHLY
  }

  public Limit {
    Objects.requireNonNull(reset, "reset");
    if (!KEY.matcher(key).matches()) {
      throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "limit key '" + key
          + "' is invalid: use 1-80 characters of a-z, 0-9, '_', '.', ':' or '-', starting with a letter or digit");
    }
  }

  /** A limit whose use is held until released. */
  public static Limit held(String key) {
    return new Limit(key, Reset.NEVER);
  }

  /** A limit whose use resets every calendar month (UTC). */
  public static Limit monthly(String key) {
    return new Limit(key, Reset.MONTHLY);
  }
}
