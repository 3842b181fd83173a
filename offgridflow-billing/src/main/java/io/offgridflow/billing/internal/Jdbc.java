package io.offgridflow.billing.internal;

import io.offgridflow.billing.BillingErrorCode;
import io.offgridflow.billing.BillingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Transactions and value conversion shared by the PostgreSQL stores. */
public final class Jdbc {
  /** SQLSTATE of a unique constraint violation. */
  public static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Work done on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in one transaction, committing on success; {@code what} names it in errors. */
  public <T> T inTransaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  /** Runs {@code work} with auto-commit, for single statements. */
  public <T> T autoCommit(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    }
  }

  public static BillingException failure(String what, SQLException e) {
    return new BillingException(BillingErrorCode.STATE_STORE_FAILURE, what + " failed: SQLSTATE " + e.getSQLState()
        + ": " + e.getMessage(), e);
  }

  /** PostgreSQL keeps microseconds; truncating here makes a stored instant read back equal. */
  public static void setInstant(PreparedStatement ps, int index, @Nullable Instant instant) throws SQLException {
    if (instant == null) {
      ps.setNull(index, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
    }
  }

  public static @Nullable Instant instant(java.sql.ResultSet rs, String column) throws SQLException {
    Timestamp ts = rs.getTimestamp(column);
    return ts == null ? null : ts.toInstant();
  }
}
