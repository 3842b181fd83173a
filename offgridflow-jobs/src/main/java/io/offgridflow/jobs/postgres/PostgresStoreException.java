package io.offgridflow.jobs.postgres;

import io.offgridflow.OffGridFlowException;
import java.sql.SQLException;

/**
 * A PostgreSQL job store operation failed. {@link #isRetryable()} is true for connection loss,
 * serialization failures, deadlocks and server shutdowns — the worker loop simply tries again.
 *
 * <pre>{@code
 * try {
 *   store.claim(request);
 * } catch (PostgresStoreException e) {
 *   if (!e.isRetryable()) throw e;
 * }
 * }</pre>
 */
public class PostgresStoreException extends OffGridFlowException {
  private static final long serialVersionUID = 1L;

  public PostgresStoreException(PostgresStoreErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }

  /** Wraps a driver error, classifying it by SQLSTATE. */
  static PostgresStoreException of(String operation, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    boolean transientState = state.startsWith("08") // connection exception
        || state.startsWith("40") // serialization failure, deadlock
        || state.startsWith("53") // insufficient resources (too many connections)
        || state.startsWith("57P"); // admin/crash shutdown, cannot connect now
    PostgresStoreErrorCode code = transientState
        ? PostgresStoreErrorCode.STORE_UNAVAILABLE : PostgresStoreErrorCode.STORE_FAILURE;
    return new PostgresStoreException(code,
        operation + " failed (SQLSTATE " + state + "): " + e.getMessage()
            + (state.equals("42P01") ? " — run PostgresJobStore.migrate(dataSource) first" : ""),
        e);
  }
}
