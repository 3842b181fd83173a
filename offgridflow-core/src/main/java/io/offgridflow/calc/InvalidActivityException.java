package io.offgridflow.calc;

import io.offgridflow.CoreErrorCode;

/** An activity lacks a field its kind needs or holds a bad value; names the field and value. */
public final class InvalidActivityException extends ActivityException {
  private static final long serialVersionUID = 1L;

  public InvalidActivityException(String activityId, String field, String value, String why) {
    super(CoreErrorCode.INVALID_ACTIVITY, activityId, field, value, why,
        "activity " + activityId + ": field " + field + (value.isEmpty() ? "" : " = '" + value + "'") + ": " + why);
  }
}
