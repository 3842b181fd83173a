package io.offgridflow.calc;

import io.offgridflow.ErrorCode;
import io.offgridflow.OffGridFlowException;

/** An activity lacks a field its kind needs or holds a bad value; names the field and value. */
public final class InvalidActivityException extends OffGridFlowException {
  private static final long serialVersionUID = 1L;

  private final String activityId;
  private final String field;
  private final String value;

  public InvalidActivityException(String activityId, String field, String value, String why) {
    super(
        ErrorCode.INVALID_ACTIVITY,
        "activity " + activityId + ": field " + field + (value.isEmpty() ? "" : " = '" + value + "'") + ": " + why);
    this.activityId = activityId;
    this.field = field;
    this.value = value;
  }

  public String activityId() {
    return activityId;
  }

  /** The field at fault, named as in activity files (e.g. {@code unit}, {@code fuel}). */
  public String field() {
    return field;
  }

  public String value() {
    return value;
  }
}
