package io.offgridflow.jobs.postgres;

import io.offgridflow.ErrorCode;

/**
 * Stable codes of {@link PostgresStoreException}. Names never change once released.
 *
 * <pre>{@code
 * if (e.code() == PostgresStoreErrorCode.STORE_UNAVAILABLE) { retryLater(); }
 * }</pre>
 */
public enum PostgresStoreErrorCode implements ErrorCode {
  /** The database could not be reached, or the statement hit a transient condition. */
  STORE_UNAVAILABLE(true),
  /** A statement failed for a reason that trying again will not fix (schema missing, bad data). */
  STORE_FAILURE(false),
  /** A migration failed, or an applied migration no longer matches the shipped file. */
  MIGRATION_FAILED(false);

  private final boolean retryable;

  PostgresStoreErrorCode(boolean retryable) {
    this.retryable = retryable;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
