package io.offgridflow;

/**
 * The core's stable error codes. Names never change once released; hosts may persist and match on
 * them. Other modules define their own {@link ErrorCode} enums (e.g. the jobs and billing modules).
 */
public enum CoreErrorCode implements ErrorCode {
  /** Two quantities or units of different physical dimensions were combined or converted. */
  DIMENSION_MISMATCH(false),
  /** A unit symbol could not be recognised. */
  UNKNOWN_UNIT(false),
  /** An activity lacks a field its kind needs, or a field holds an invalid value. */
  INVALID_ACTIVITY(false),
  /** No emission factor in the configured datasets covers the activity. */
  FACTOR_NOT_FOUND(false),
  /** A dataset id or edition is not known. */
  UNKNOWN_DATASET(false),
  /** A bundled or host-supplied dataset could not be read. */
  DATASET_LOAD_FAILED(false),
  /** An input file has a malformed row, column or value. */
  INVALID_INPUT(false),
  /** Reading or writing a file failed. */
  IO_FAILURE(true),
  /** A builder was given an invalid or incomplete configuration. */
  INVALID_CONFIGURATION(false);

  private final boolean retryable;

  CoreErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  /** Whether errors with this code are, by default, worth retrying. */
  @Override
  public boolean retryable() {
    return retryable;
  }
}
