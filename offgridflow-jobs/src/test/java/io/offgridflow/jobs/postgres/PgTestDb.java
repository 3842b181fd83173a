package io.offgridflow.jobs.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.offgridflow.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A fresh schema from {@link TestPostgres}, migrated, behind a small pool. Closing it closes the
 * pool and drops the schema, so repeated runs on a shared server do not pile up tables.
 */
final class PgTestDb implements AutoCloseable {
  final DataSource raw;
  final HikariDataSource pool;
  final String schema;

  private PgTestDb(String label, int poolSize) {
    this.raw = TestPostgres.newSchema(label);
    HikariConfig cfg = new HikariConfig();
    cfg.setDataSource(raw);
    cfg.setMaximumPoolSize(poolSize);
    cfg.setMinimumIdle(0);
    cfg.setPoolName("ogf-jobs-test-" + label);
    this.pool = new HikariDataSource(cfg);
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_schema()")) {
      rs.next();
      this.schema = rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    PostgresJobStore.migrate(pool);
  }

  static PgTestDb create(String label, int poolSize) {
    return new PgTestDb(label, poolSize);
  }

  /** A store on this schema with a channel of its own, so parallel test schemas do not wake each other. */
  PostgresJobStore store() {
    return PostgresJobStore.builder().dataSource(pool).channel("ogf_" + schema).build();
  }

  @Override
  public void close() {
    pool.close();
    try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test schema " + schema, e);
    }
  }
}
