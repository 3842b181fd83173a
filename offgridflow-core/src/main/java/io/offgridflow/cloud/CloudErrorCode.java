package io.offgridflow.cloud;

import io.offgridflow.ErrorCode;

/**
 * Stable error codes of cloud connectors. Names never change once released.
 *
 * <pre>{@code
 * if (e.code() == CloudErrorCode.SYNC_CANCELLED) { ... }
 * }</pre>
 */
public enum CloudErrorCode implements ErrorCode {
  /** A bill file has a malformed row, column or value; the message names file, line and column. */
  INVALID_BILL(false),
  /** A bill file's header lacks a column the connector needs, or its format is not recognised. */
  UNSUPPORTED_BILL_FORMAT(false),
  /** A bill could not be read (I/O, network). */
  SOURCE_UNREADABLE(true),
  /** The host cancelled the sync. */
  SYNC_CANCELLED(false),
  /** The checkpoint store failed. */
  STATE_STORE_FAILURE(true);

  private final boolean retryable;

  CloudErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
