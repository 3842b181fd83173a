package io.offgridflow.cloud.jdbc;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.spi.Checkpoint;
import io.offgridflow.cloud.spi.ConnectorStateStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Connector checkpoints in PostgreSQL, so a re-run after a restart, or on another node, still skips
 * what was counted. Plain JDBC ({@code java.sql}): core gains no dependency; the host brings its
 * driver and pool. {@link #putAll} stores one sync's checkpoints in one transaction.
 *
 * <pre>{@code
 * PostgresConnectorStateStore.migrate(dataSource);              // once, at startup
 * ConnectorStateStore store = new PostgresConnectorStateStore(dataSource);
 * cur.sync(SyncContext.builder().stateStore(store).build());
 * }</pre>
 */
public final class PostgresConnectorStateStore implements ConnectorStateStore {
  /** The shipped migration (Flyway-style name), applied by {@link #migrate}. */
  public static final String MIGRATION = "/io/offgridflow/cloud/db/V1__connector_checkpoints.sql";

  private static final String UPSERT = "INSERT INTO ogf_connector_checkpoints"
      + " (connector_id, source_key, fingerprint, rows_counted, completed_at) VALUES (?, ?, ?, ?, ?)"
      + " ON CONFLICT (connector_id, source_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,"
      + " rows_counted = EXCLUDED.rows_counted, completed_at = EXCLUDED.completed_at";
  private static final String COLUMNS = "connector_id, source_key, fingerprint, rows_counted, completed_at";

  private final DataSource dataSource;

  public PostgresConnectorStateStore(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Creates the checkpoint table in the connection's current schema if it does not exist. */
  public static void migrate(DataSource dataSource) {
    String sql;
    try (InputStream in = PostgresConnectorStateStore.class.getResourceAsStream(MIGRATION)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + MIGRATION);
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + MIGRATION, e);
    }
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw failure("cannot create the checkpoint table", e);
    }
  }

  @Override
  public Optional<Checkpoint> find(String connectorId, String sourceKey) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
            + " FROM ogf_connector_checkpoints WHERE connector_id = ? AND source_key = ?")) {
      ps.setString(1, connectorId);
      ps.setString(2, sourceKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(checkpoint(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("cannot read the checkpoint of " + connectorId + " " + sourceKey, e);
    }
  }

  @Override
  public void put(Checkpoint checkpoint) {
    putAll(List.of(checkpoint));
  }

  @Override
  public void putAll(Collection<Checkpoint> checkpoints) {
    if (checkpoints.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
        for (Checkpoint k : checkpoints) {
          ps.setString(1, k.connectorId());
          ps.setString(2, k.sourceKey());
          ps.setString(3, k.fingerprint());
          ps.setLong(4, k.rows());
          ps.setTimestamp(5, Timestamp.from(k.completedAt()));
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failure("cannot store " + checkpoints.size() + " checkpoint(s), first "
          + checkpoints.iterator().next().sourceKey() + "; none was stored", e);
    }
  }

  @Override
  public List<Checkpoint> list(String connectorId) {
    // COLLATE "C": code-point order, the order the in-memory store and the contract use.
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
            + " FROM ogf_connector_checkpoints WHERE connector_id = ? ORDER BY source_key COLLATE \"C\"")) {
      ps.setString(1, connectorId);
      List<Checkpoint> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(checkpoint(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw failure("cannot list the checkpoints of " + connectorId, e);
    }
  }

  private static Checkpoint checkpoint(ResultSet rs) throws SQLException {
    return new Checkpoint(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
        rs.getTimestamp(5).toInstant());
  }

  private static OffGridFlowException failure(String what, SQLException e) {
    return new OffGridFlowException(CloudErrorCode.STATE_STORE_FAILURE, what + ": " + e.getMessage(), e);
  }
}
