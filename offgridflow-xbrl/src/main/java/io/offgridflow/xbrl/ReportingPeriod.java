package io.offgridflow.xbrl;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The reporting period: a duration from {@code start} to {@code end}, both days included, as XBRL
 * writes it ({@code <xbrli:startDate>2024-01-01</xbrli:startDate><xbrli:endDate>2024-12-31</...>}).
 *
 * <pre>{@code
 * ReportingPeriod fy = ReportingPeriod.year(2024);
 * ReportingPeriod q = ReportingPeriod.parse("2024-04-01/2025-03-31");
 * }</pre>
 *
 * @param start first day
 * @param end last day, included
 */
public record ReportingPeriod(LocalDate start, LocalDate end) {
  public ReportingPeriod {
    if (end.isBefore(start)) {
      throw new XbrlException(XbrlErrorCode.INVALID_REPORT,
          "reporting period ends (" + end + ") before it starts (" + start + ")");
    }
  }

  /** A calendar year. */
  public static ReportingPeriod year(int year) {
    if (year < 1900 || year > 9999) {
      throw new XbrlException(XbrlErrorCode.INVALID_REPORT, "reporting year " + year + " is out of range");
    }
    return new ReportingPeriod(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
  }

  /**
   * {@code 2024} (a calendar year) or {@code 2024-04-01/2025-03-31} (first and last day).
   *
   * @throws XbrlException with {@link XbrlErrorCode#INVALID_REPORT} naming the text
   */
  public static ReportingPeriod parse(String text) {
    String t = text.strip();
    try {
      if (t.matches("\\d{4}")) {
        return year(Integer.parseInt(t));
      }
      int slash = t.indexOf('/');
      if (slash > 0) {
        return new ReportingPeriod(LocalDate.parse(t.substring(0, slash)), LocalDate.parse(t.substring(slash + 1)));
      }
    } catch (DateTimeException e) {
      throw new XbrlException(XbrlErrorCode.INVALID_REPORT,
          "reporting period '" + text + "': " + e.getMessage(), e);
    }
    throw new XbrlException(XbrlErrorCode.INVALID_REPORT,
        "reporting period '" + text + "' must be a year (2024) or first/last day (2024-04-01/2025-03-31)");
  }

  /** Whether the whole month lies in the period. */
  public boolean contains(YearMonth month) {
    return !month.atDay(1).isBefore(start) && !month.atEndOfMonth().isAfter(end);
  }

  /** Whether the day lies in the period. */
  public boolean contains(LocalDate day) {
    return !day.isBefore(start) && !day.isAfter(end);
  }

  @Override
  public String toString() {
    return start + "/" + end;
  }
}
