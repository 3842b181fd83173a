package io.offgridflow.connectors.azure.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Azure unit of measure such as {@code 10 Hours}, {@code 100 GB/Month} or {@code 50000 GB Seconds},
 * split into its pricing block and base unit. The quantity is in the base unit: a quantity of 3 in
 * {@code 10 Hours} is 3 hours, not 30. The block is how Azure prices the meter (per 10 hours), and
 * Microsoft's own conversion divides by it only for the pricing quantity ({@code PricingQuantity =
 * Quantity / x_PricingBlockSize}, {@code ConsumedQuantity = Quantity}); it never scales the usage.
 *
 * @param text the unit as written in the export
 * @param block the leading number, the pricing block size (1 when there is none); informational only
 * @param base the rest, lower-case, spaces removed ({@code hours}, {@code gb/month}, {@code /day})
 */
record UnitOfMeasure(String text, double block, String base) {
  private static final Pattern LEADING = Pattern.compile("^\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(.*)$");

  static UnitOfMeasure parse(String text) {
    Matcher m = LEADING.matcher(text);
    double block = 1;
    String rest = text;
    if (m.matches()) {
      block = Double.parseDouble(m.group(1).replace(",", ""));
      rest = m.group(2);
    }
    return new UnitOfMeasure(text, block, squeeze(rest));
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
