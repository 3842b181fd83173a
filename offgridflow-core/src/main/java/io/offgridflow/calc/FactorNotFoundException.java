package io.offgridflow.calc;

import io.offgridflow.CoreErrorCode;

/** No factor covers an activity; the message says what was looked for and how to fix it. */
public final class FactorNotFoundException extends ActivityException {
  private static final long serialVersionUID = 1L;

  public FactorNotFoundException(String activityId, String field, String value, String reason) {
    super(CoreErrorCode.FACTOR_NOT_FOUND, activityId, field, value, reason, "activity " + activityId + ": " + reason);
  }
}
