package io.offgridflow.billing.store;

import io.offgridflow.billing.internal.Jdbc;
import io.offgridflow.billing.spi.ProcessedEventStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link ProcessedEventStore} on PostgreSQL (table {@code billing_processed_event}, created by
 * {@link BillingSchema#migrate}). A claim is an {@code INSERT ... ON CONFLICT DO NOTHING} on the
 * event id's primary key, so among concurrent deliveries of one event exactly one wins, across
 * threads and host instances alike.
 *
 * <pre>{@code
 * ProcessedEventStore events = new PostgresProcessedEventStore(dataSource);
 * }</pre>
 */
public final class PostgresProcessedEventStore implements ProcessedEventStore {
  private final Jdbc jdbc;

  public PostgresProcessedEventStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public ClaimResult claim(String eventId, String eventType, Instant now, Duration claimTimeout) {
    return jdbc.autoCommit("claiming webhook event " + eventId, c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO billing_processed_event (event_id, event_type,"
          + " claimed_at) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING")) {
        ps.setString(1, eventId);
        ps.setString(2, eventType);
        Jdbc.setInstant(ps, 3, now);
        if (ps.executeUpdate() == 1) {
          return ClaimResult.CLAIMED;
        }
      }
      // Someone holds or held it: take over only a claim whose holder has been silent too long.
      try (PreparedStatement ps = c.prepareStatement("UPDATE billing_processed_event SET claimed_at = ?"
          + " WHERE event_id = ? AND applied_at IS NULL AND claimed_at < ?")) {
        Jdbc.setInstant(ps, 1, now);
        ps.setString(2, eventId);
        Jdbc.setInstant(ps, 3, now.minus(claimTimeout));
        if (ps.executeUpdate() == 1) {
          return ClaimResult.CLAIMED;
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT applied_at IS NOT NULL FROM billing_processed_event WHERE event_id = ?")) {
        ps.setString(1, eventId);
        try (ResultSet rs = ps.executeQuery()) {
          // No row: the holder released it between our statements; the sender's retry will claim it.
          return rs.next() && rs.getBoolean(1) ? ClaimResult.ALREADY_APPLIED : ClaimResult.IN_PROGRESS;
        }
      }
    });
  }

  @Override
  public void markApplied(String eventId, Instant appliedAt) {
    jdbc.autoCommit("marking webhook event " + eventId + " applied", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE billing_processed_event SET applied_at = ? WHERE event_id = ? AND applied_at IS NULL")) {
        Jdbc.setInstant(ps, 1, appliedAt);
        ps.setString(2, eventId);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void release(String eventId) {
    jdbc.autoCommit("releasing webhook event " + eventId, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM billing_processed_event WHERE event_id = ? AND applied_at IS NULL")) {
        ps.setString(1, eventId);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Optional<ProcessedEvent> find(String eventId) {
    return jdbc.autoCommit("reading webhook event " + eventId, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT event_type, claimed_at, applied_at"
          + " FROM billing_processed_event WHERE event_id = ?")) {
        ps.setString(1, eventId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          Instant claimed = Jdbc.instant(rs, "claimed_at");
          return Optional.of(new ProcessedEvent(eventId, rs.getString("event_type"),
              claimed == null ? Instant.EPOCH : claimed, Optional.ofNullable(Jdbc.instant(rs, "applied_at"))));
        }
      }
    });
  }

  @Override
  public int purgeAppliedBefore(Instant cutoff) {
    return jdbc.autoCommit("purging applied webhook events", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM billing_processed_event WHERE applied_at < ?")) {
        Jdbc.setInstant(ps, 1, cutoff);
        return ps.executeUpdate();
      }
    });
  }
}
