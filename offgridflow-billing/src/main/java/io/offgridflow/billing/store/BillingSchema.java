package io.offgridflow.billing.store;

import io.offgridflow.billing.BillingErrorCode;
import io.offgridflow.billing.BillingException;
import io.offgridflow.billing.internal.Jdbc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.sql.DataSource;

/**
 * Creates and upgrades the billing tables in the data source's current schema, Flyway style: the
 * scripts {@code io/offgridflow/billing/db/V<n>__<name>.sql} run once each, in order, recorded
 * with a checksum in {@code billing_schema_history}. Concurrent callers are serialised by a
 * transaction-scoped advisory lock, so every host instance may call it at start-up. Hosts that run
 * Flyway or Liquibase themselves can copy the scripts into their own migrations instead.
 *
 * <pre>{@code
 * BillingSchema.migrate(dataSource);
 * BillingStateStore store = new PostgresBillingStateStore(dataSource);
 * }</pre>
 */
public final class BillingSchema {
  private static final String RESOURCE_DIR = "/io/offgridflow/billing/db/";
  /** The migration scripts, in order. A new script is appended here and never edited once released. */
  static final List<String> SCRIPTS = List.of(
      "V1__billing_state.sql",
      "V2__processed_events.sql",
      "V3__usage_outbox.sql");

  private BillingSchema() {}

  /**
   * Applies the scripts not yet applied.
   *
   * @return the number of scripts applied by this call
   * @throws BillingException when a script fails or an applied script's checksum changed
   */
  public static int migrate(DataSource dataSource) {
    return new Jdbc(dataSource).inTransaction("billing schema migration", c -> {
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.offgridflow_billing_migrate'))");
        s.execute("CREATE TABLE IF NOT EXISTS billing_schema_history (version int PRIMARY KEY, script text NOT NULL,"
            + " checksum bigint NOT NULL, installed_at timestamptz NOT NULL DEFAULT now())");
      }
      Map<Integer, Long> applied = new HashMap<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT version, checksum FROM billing_schema_history")) {
        while (rs.next()) {
          applied.put(rs.getInt(1), rs.getLong(2));
        }
      }
      int count = 0;
      for (String script : SCRIPTS) {
        int version = Integer.parseInt(script.substring(1, script.indexOf("__")));
        String sql = read(script);
        long checksum = checksum(sql);
        Long recorded = applied.get(version);
        if (recorded != null) {
          if (recorded != checksum) {
            throw new BillingException(BillingErrorCode.STATE_STORE_FAILURE, "billing migration " + script
                + " was applied with checksum " + recorded + " but the bundled script has checksum " + checksum
                + "; released migrations must not be edited");
          }
          continue;
        }
        try (Statement s = c.createStatement()) {
          s.execute(sql);
        }
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO billing_schema_history (version, script, checksum) VALUES (?, ?, ?)")) {
          ps.setInt(1, version);
          ps.setString(2, script);
          ps.setLong(3, checksum);
          ps.executeUpdate();
        }
        count++;
      }
      return count;
    });
  }

  private static String read(String script) {
    try (InputStream in = BillingSchema.class.getResourceAsStream(RESOURCE_DIR + script)) {
      if (in == null) {
        throw new BillingException(BillingErrorCode.STATE_STORE_FAILURE, "billing migration " + RESOURCE_DIR
            + script + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BillingException(BillingErrorCode.STATE_STORE_FAILURE, "cannot read billing migration " + script, e);
    }
  }

  private static long checksum(String sql) {
    CRC32 crc = new CRC32();
    crc.update(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
