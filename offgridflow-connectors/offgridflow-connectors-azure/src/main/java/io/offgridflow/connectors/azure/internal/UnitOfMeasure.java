package io.offgridflow.connectors.azure.internal;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Azure unit of measure such as {@code 10 Hours}, {@code 100 GB/Month} or {@code 50000 GB Seconds},
 * split into its multiplier and base: a quantity of 3 in {@code 10 Hours} is 30 hours. Azure
 * prices many meters per 10, 100 or 1000 units, and the quantity counts those blocks.
 *
 * @param text the unit as written in the export
 * @param multiplier the leading number (1 when there is none)
 * @param base the rest, lower-case, spaces removed ({@code hours}, {@code gb/month}, {@code /day})
 */
record UnitOfMeasure(String text, double multiplier, String base) {
  private static final Pattern LEADING = Pattern.compile("^\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(.*)$");

  static UnitOfMeasure parse(String text) {
    Matcher m = LEADING.matcher(text);
    double mult = 1;
    String rest = text;
    if (m.matches()) {
      mult = Double.parseDouble(m.group(1).replace(",", ""));
      rest = m.group(2);
    }
    return new UnitOfMeasure(text, mult, squeeze(rest));
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
