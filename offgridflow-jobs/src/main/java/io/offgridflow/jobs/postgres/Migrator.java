package io.offgridflow.jobs.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Applies the shipped migrations in one transaction under an advisory lock, recording each in
 * {@code ogf_jobs_schema_history}. Idempotent; two nodes migrating at once serialize on the lock and
 * the second finds nothing left to do.
 */
final class Migrator {
  static final String HISTORY_TABLE = "ogf_jobs_schema_history";
  private static final String RESOURCE_DIR = "/io/offgridflow/jobs/db/";
  // Listed, not scanned: classpath directory listing does not work inside every packaging.
  private static final List<String> MIGRATIONS = List.of("V1__jobs.sql", "V2__history_index_skips_running.sql");

  private Migrator() {}

  /** Returns the versions this call applied (empty when the schema was already current). */
  static List<Integer> migrate(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        List<Integer> applied = migrate(c);
        c.commit();
        return applied;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new PostgresStoreException(PostgresStoreErrorCode.MIGRATION_FAILED,
          "job store migration failed (SQLSTATE " + e.getSQLState() + "): " + e.getMessage(), e);
    }
  }

  private static List<Integer> migrate(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      // Keyed by schema: nodes migrating the same schema wait for each other, other schemas do not.
      s.execute("SELECT pg_advisory_xact_lock(7361206, hashtext(current_schema()))");
      s.execute("CREATE TABLE IF NOT EXISTS " + HISTORY_TABLE + " ("
          + "version integer PRIMARY KEY, script text NOT NULL, checksum bigint NOT NULL, "
          + "installed_at timestamptz NOT NULL DEFAULT now())");
    }
    Map<Integer, Long> done = new HashMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, checksum FROM " + HISTORY_TABLE)) {
      while (rs.next()) {
        done.put(rs.getInt(1), rs.getLong(2));
      }
    }
    List<Integer> appliedNow = new java.util.ArrayList<>();
    for (String script : MIGRATIONS) {
      int version = Integer.parseInt(script.substring(1, script.indexOf("__")));
      String sql = read(script);
      long checksum = checksum(sql);
      Long recorded = done.get(version);
      if (recorded != null) {
        if (recorded != checksum) {
          throw new PostgresStoreException(PostgresStoreErrorCode.MIGRATION_FAILED,
              "migration " + script + " was applied with checksum " + recorded + " but the shipped file has "
                  + checksum + "; a released migration must never change — add a new V"
                  + (MIGRATIONS.size() + 1) + "__ file instead",
              new IllegalStateException(script));
        }
        continue;
      }
      try (Statement s = c.createStatement()) {
        s.execute(sql);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO " + HISTORY_TABLE + " (version, script, checksum) VALUES (?, ?, ?)")) {
        ps.setInt(1, version);
        ps.setString(2, script);
        ps.setLong(3, checksum);
        ps.executeUpdate();
      }
      appliedNow.add(version);
    }
    return List.copyOf(appliedNow);
  }

  private static String read(String script) {
    try (InputStream in = Migrator.class.getResourceAsStream(RESOURCE_DIR + script)) {
      if (in == null) {
        throw new IllegalStateException("migration " + RESOURCE_DIR + script + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration " + script, e);
    }
  }

  private static long checksum(String sql) {
    // Line endings normalised so a checkout with CRLF does not look like an edited migration.
    CRC32 crc = new CRC32();
    crc.update(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
