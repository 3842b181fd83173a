package io.offgridflow.jobs.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread holding one dedicated connection that LISTENs on the store's channel and runs
 * the registered callbacks. Kept in its own class so the PostgreSQL driver's {@code PGConnection}
 * is loaded only when somebody subscribes: a host that never does needs no driver classes here.
 */
final class NotificationListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);

  private final DataSource dataSource;
  private final String channel;
  private final Duration reconnectDelay;
  private final CopyOnWriteArrayList<Runnable> callbacks;
  private final Thread thread;
  private volatile boolean closed;

  NotificationListener(DataSource dataSource, String channel, Duration reconnectDelay,
      CopyOnWriteArrayList<Runnable> callbacks) {
    this.dataSource = dataSource;
    this.channel = channel;
    this.reconnectDelay = reconnectDelay;
    this.callbacks = callbacks;
    this.thread = new Thread(this::run, "offgridflow-jobs-listen-" + channel);
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  private void run() {
    boolean reconnecting = false;
    while (!closed) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          // Named so an operator (or a test) can find the listener in pg_stat_activity.
          s.execute("SET application_name = '" + applicationName(channel) + "'");
          s.execute("LISTEN " + channel);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        if (reconnecting) {
          // Notifications sent while we were away are gone: tell the workers to look once.
          LOG.info("job notifications on {} resumed", channel);
          fire();
        }
        reconnecting = false;
        while (!closed) {
          // Blocks in the driver until a notification arrives or the timeout passes; the timeout
          // only bounds how long close() waits and how soon a dead socket is noticed.
          PGNotification[] ns = pg.getNotifications(1_000);
          if (ns != null && ns.length > 0) {
            fire();
          } else if (!c.isValid(2)) {
            throw new SQLException("listener connection is no longer valid", "08006");
          }
        }
        try (Statement s = c.createStatement()) {
          // The connection may go back to a pool: leave it as we found it.
          s.execute("UNLISTEN *; RESET application_name");
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        reconnecting = true;
        LOG.warn("job notification listener on {} lost its connection, reconnecting in {}: {}",
            channel, reconnectDelay, e.toString());
        try {
          Thread.sleep(reconnectDelay.toMillis());
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** The session's application_name: {@code ogf-listen:} and the channel, cut to PostgreSQL's 63 bytes. */
  static String applicationName(String channel) {
    String name = "ogf-listen:" + channel;
    return name.length() > 63 ? name.substring(0, 63) : name;
  }

  private void fire() {
    for (Runnable r : callbacks) {
      try {
        r.run();
      } catch (RuntimeException e) {
        // One faulty subscriber must not silence the others or kill the listener thread.
        LOG.warn("job notification callback failed", e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
