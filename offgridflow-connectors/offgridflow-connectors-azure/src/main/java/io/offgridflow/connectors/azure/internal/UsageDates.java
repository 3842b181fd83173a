package io.offgridflow.connectors.azure.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Usage dates as Azure exports write them: {@code 01/31/2025} (US month/day/year, the EA and MCA
 * cost-details default), {@code 2025-01-31} or {@code 2025-01-31T00:00:00Z}, {@code 20250131}, and
 * {@code 2025-01} for monthly emissions data (the first day of the month).
 */
final class UsageDates {
  private static final Pattern US = Pattern.compile("^(\\d{1,2})/(\\d{1,2})/(\\d{4})(?:[ T].*)?$");
  private static final Pattern ISO = Pattern.compile("^(\\d{4})-(\\d{2})(?:-(\\d{2}))?(?:[ T].*)?$");
  private static final Pattern COMPACT = Pattern.compile("^(\\d{4})(\\d{2})(\\d{2})$");

  private UsageDates() {}

  /** The date, or null when the text is none of the accepted forms. */
  static @Nullable LocalDate parse(String text) {
    String s = text.trim();
    try {
      Matcher m = ISO.matcher(s);
      if (m.matches()) {
        int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), day);
      }
      m = US.matcher(s);
      if (m.matches()) {
        return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      }
      m = COMPACT.matcher(s);
      if (m.matches()) {
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      }
    } catch (DateTimeException e) {
      return null;
    }
    return null;
  }
}
