package io.offgridflow.billing;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One unit of metered usage waiting in the outbox to become a Stripe meter event. The identifier is
 * sent as the meter event's {@code identifier}, so Stripe counts a record once however often a
 * flush is retried.
 *
 * <pre>{@code
 * UsageRecord r = new UsageRecord("acme-2025-06-rows-17", "acme", "activity_rows", 1200, clock.instant());
 * }</pre>
 *
 * @param identifier unique, stable id (1-100 characters)
 * @param tenantId the tenant the usage belongs to
 * @param eventName the Stripe meter's {@code event_name}
 * @param value the amount, at least 1
 * @param timestamp when the usage happened
 */
public record UsageRecord(String identifier, String tenantId, String eventName, long value, Instant timestamp) {
  private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

  public UsageRecord {
    if (identifier.isBlank() || identifier.length() > 100) {
      throw invalid("usage identifier '" + identifier + "' must be 1-100 characters and not blank");
    }
    if (tenantId.isBlank()) {
      throw invalid("usage record " + identifier + ": tenant id is blank");
    }
    if (!EVENT_NAME.matcher(eventName).matches()) {
      throw invalid("usage record " + identifier + ": meter event name '" + eventName
          + "' must be 1-100 characters of letters, digits, '_', '.', ':' or '-'");
    }
    if (value <= 0) {
      throw invalid("usage record " + identifier + ": value " + value + " must be at least 1");
    }
  }

  private static BillingException invalid(String message) {
    return new BillingException(BillingErrorCode.INVALID_CONFIGURATION, message);
  }
}
