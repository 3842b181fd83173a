package io.offgridflow.connectors.azure.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Which FOCUS rows are consumption. FOCUS spreads the classic {@code ChargeType} over three columns
 * (Microsoft's mapping): {@code Purchase}, {@code Tax}, {@code Credit} and {@code Adjustment}
 * ({@code RoundingAdjustment}) are charge categories; {@code Refund} is {@code ChargeClass =
 * Correction}; {@code UnusedReservation} and {@code UnusedSavingsPlan} are {@code Usage} rows with
 * {@code CommitmentDiscountStatus = Unused}. Each is ignored here as its classic charge type is, so
 * both exports account the same rows as usage.
 *
 * <pre>{@code
 * FocusCharges.ignoredReason("Usage", "", "Unused");   // "ignored: FOCUS commitment discount status Unused (...)"
 * FocusCharges.ignoredReason("Usage", "", "Used");     // null: usage, estimated
 * }</pre>
 */
final class FocusCharges {
  private FocusCharges() {}

  /** The ignored reason of a row, or null for a usage row the model estimates. */
  static @Nullable String ignoredReason(String category, String chargeClass, String commitmentStatus) {
    if (!category.equalsIgnoreCase("Usage")) {
      return "ignored: FOCUS charge category " + (category.isEmpty() ? "(empty)" : category) + why(category);
    }
    if (chargeClass.equalsIgnoreCase("Correction")) {
      return "ignored: FOCUS charge class Correction (a refund or correction of an earlier period's charge, as the"
          + " classic Refund charge type)";
    }
    if (commitmentStatus.equalsIgnoreCase("Unused")) {
      return "ignored: FOCUS commitment discount status Unused (reserved capacity left unused: cost, no consumption)";
    }
    return null;
  }

  private static String why(String category) {
    return switch (category.toLowerCase(Locale.ROOT)) {
      case "purchase" -> " (reservation, savings plan or marketplace purchase: cost, no consumption)";
      case "tax" -> " (tax: cost, no consumption)";
      case "credit" -> " (credit: cost, no consumption)";
      case "adjustment" -> " (rounding and other adjustments: cost, no consumption)";
      default -> "";
    };
  }
}
