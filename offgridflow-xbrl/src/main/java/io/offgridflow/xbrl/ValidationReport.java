package io.offgridflow.xbrl;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of validating one document: every issue found, in the order the checks ran (schema
 * first, then XBRL 2.1, units, dimensions, calculations).
 *
 * <pre>{@code
 * ValidationReport r = validator.validateXbrl(bytes);
 * if (!r.valid()) { r.issues().forEach(System.err::println); }
 * r.requireValid();   // or throw
 * }</pre>
 *
 * @param document what was validated (file name or a description)
 * @param facts how many facts the document has
 * @param issues the problems found; empty when valid
 */
public record ValidationReport(String document, int facts, List<ValidationIssue> issues) {
  public ValidationReport {
    issues = List.copyOf(issues);
  }

  public boolean valid() {
    return issues.isEmpty();
  }

  /** The distinct codes found. */
  public Set<XbrlErrorCode> codes() {
    Set<XbrlErrorCode> codes = EnumSet.noneOf(XbrlErrorCode.class);
    issues.forEach(i -> codes.add(i.code()));
    return codes;
  }

  /**
   * Throws when there is any issue.
   *
   * @throws XbrlException with the first issue's code, listing every issue
   */
  public ValidationReport requireValid() {
    if (!issues.isEmpty()) {
      StringBuilder sb = new StringBuilder(document).append(": ").append(issues.size()).append(" validation issue")
          .append(issues.size() == 1 ? "" : "s");
      issues.forEach(i -> sb.append(System.lineSeparator()).append("  ").append(i));
      throw new XbrlException(issues.get(0).code(), sb.toString());
    }
    return this;
  }
}
