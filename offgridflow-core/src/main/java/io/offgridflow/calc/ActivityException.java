package io.offgridflow.calc;

import io.offgridflow.ErrorCode;
import io.offgridflow.OffGridFlowException;

/**
 * An activity could not be calculated because of one of its fields; says which activity, which
 * field (named as in activity files, e.g. {@code unit}, {@code fuel}, {@code region}) and which
 * value, so a file reader can point at the line and column.
 *
 * <pre>{@code
 * catch (ActivityException e) {
 *   report(line, e.field(), e.value(), e.getMessage());
 * }
 * }</pre>
 */
public abstract class ActivityException extends OffGridFlowException {
  private static final long serialVersionUID = 1L;

  private final String activityId;
  private final String field;
  private final String value;
  private final String reason;

  /**
   * @param reason what is wrong and how to fix it, without the activity id, field and value
   *     (which the message adds)
   */
  protected ActivityException(
      ErrorCode code, String activityId, String field, String value, String reason, String message) {
    super(code, message);
    this.activityId = activityId;
    this.field = field;
    this.value = value;
    this.reason = reason;
  }

  public String activityId() {
    return activityId;
  }

  /** The field at fault, named as in activity files. */
  public String field() {
    return field;
  }

  /** The offending value; empty when the field is missing. */
  public String value() {
    return value;
  }

  /** What is wrong and how to fix it, for callers that print the field and value themselves. */
  public String reason() {
    return reason;
  }
}
