package io.offgridflow.xbrl;

/**
 * One problem the {@link XbrlValidator} found.
 *
 * <pre>{@code
 * for (ValidationIssue i : report.issues()) {
 *   log.warn("{} at {}: {}", i.code(), i.location(), i.message());
 * }
 * }</pre>
 *
 * @param code stable code, e.g. {@link XbrlErrorCode#CONTEXT_NOT_FOUND}
 * @param message what is wrong and what would fix it
 * @param location where: a line and column for schema errors, else the fact or context concerned
 */
public record ValidationIssue(XbrlErrorCode code, String message, String location) {
  @Override
  public String toString() {
    return code.name() + " at " + location + ": " + message;
  }
}
