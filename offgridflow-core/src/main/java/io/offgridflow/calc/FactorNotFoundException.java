package io.offgridflow.calc;

import io.offgridflow.ErrorCode;
import io.offgridflow.OffGridFlowException;

/** No factor covers an activity; the message says what was looked for and how to fix it. */
public final class FactorNotFoundException extends OffGridFlowException {
  private static final long serialVersionUID = 1L;

  private final String activityId;
  private final String field;
  private final String value;

  public FactorNotFoundException(String activityId, String field, String value, String message) {
    super(ErrorCode.FACTOR_NOT_FOUND, "activity " + activityId + ": " + message);
    this.activityId = activityId;
    this.field = field;
    this.value = value;
  }

  public String activityId() {
    return activityId;
  }

  /** The activity field that decided the lookup (e.g. {@code fuel}, {@code region}). */
  public String field() {
    return field;
  }

  public String value() {
    return value;
  }
}
