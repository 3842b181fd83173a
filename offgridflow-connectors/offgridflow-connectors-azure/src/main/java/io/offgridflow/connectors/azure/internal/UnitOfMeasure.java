package io.offgridflow.connectors.azure.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Azure unit of measure such as {@code 10 Hours}, {@code 100 GB/Month} or {@code 50000 GB Seconds},
 * read for its base unit. The leading number is the meter's pricing block and is dropped: the
 * quantity is already in the base unit, so a quantity of 3 in {@code 10 Hours} is 3 hours, not 30.
 * Microsoft's own conversion divides by the block only for the pricing quantity ({@code
 * PricingQuantity = Quantity / x_PricingBlockSize}, {@code ConsumedQuantity = Quantity}); it never
 * scales the usage.
 *
 * @param text the unit as written in the export
 * @param base the rest after the block, lower-case, spaces removed ({@code hours}, {@code gb/month}, {@code /day})
 */
record UnitOfMeasure(String text, String base) {
  private static final Pattern LEADING = Pattern.compile("^\\s*[0-9][0-9,]*(?:\\.[0-9]+)?\\s*(.*)$");

  static UnitOfMeasure parse(String text) {
    Matcher m = LEADING.matcher(text);
    return new UnitOfMeasure(text, squeeze(m.matches() ? m.group(1) : text));
  }

  /** Lower case, no spaces: how units are compared ({@code 1 /Month} equals {@code 1/Month}). */
  static String squeeze(String s) {
    return s.replace(" ", "").toLowerCase(Locale.ROOT);
  }

  /** Whether the unit is one of CCF's listed spellings (compared without spaces, case-insensitive). */
  boolean in(List<String> ccfUnits) {
    String me = squeeze(text);
    for (String u : ccfUnits) {
      if (squeeze(u).equals(me)) {
        return true;
      }
    }
    return false;
  }

  boolean isHours() {
    return base.equals("hour") || base.equals("hours");
  }

  boolean isPerMonth() {
    return base.endsWith("/month");
  }

  boolean isPerDay() {
    return base.endsWith("/day");
  }

  boolean isGbSeconds() {
    return base.equals("gbsecond") || base.equals("gbseconds");
  }

  boolean isTb() {
    return base.startsWith("tb");
  }
}
