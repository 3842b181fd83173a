package io.offgridflow.billing.store;

import io.offgridflow.billing.UsageRecord;
import io.offgridflow.billing.internal.Jdbc;
import io.offgridflow.billing.spi.UsageOutbox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link UsageOutbox} on PostgreSQL (table {@code billing_usage_outbox}, created by
 * {@link BillingSchema#migrate}). Usage is durable once {@link #append} returns, so a gateway
 * outage or a restart loses none; two flushers racing may send a record twice, which Stripe
 * deduplicates by the meter event identifier.
 *
 * <pre>{@code
 * UsageOutbox outbox = new PostgresUsageOutbox(dataSource);
 * }</pre>
 */
public final class PostgresUsageOutbox implements UsageOutbox {
  private static final String PENDING = "sent_at IS NULL AND rejected_at IS NULL";

  private final Jdbc jdbc;

  public PostgresUsageOutbox(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public boolean append(UsageRecord r) {
    return jdbc.autoCommit("appending usage record " + r.identifier(), c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO billing_usage_outbox (identifier, tenant_id,"
          + " event_name, value, occurred_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (identifier) DO NOTHING")) {
        ps.setString(1, r.identifier());
        ps.setString(2, r.tenantId());
        ps.setString(3, r.eventName());
        ps.setLong(4, r.value());
        Jdbc.setInstant(ps, 5, r.timestamp());
        return ps.executeUpdate() == 1;
      }
    });
  }

  @Override
  public List<UsageRecord> pending(int max) {
    return jdbc.autoCommit("reading pending usage", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT identifier, tenant_id, event_name, value, occurred_at"
          + " FROM billing_usage_outbox WHERE " + PENDING + " ORDER BY occurred_at, identifier LIMIT ?")) {
        ps.setInt(1, max);
        try (ResultSet rs = ps.executeQuery()) {
          List<UsageRecord> records = new ArrayList<>();
          while (rs.next()) {
            records.add(read(rs));
          }
          return records;
        }
      }
    });
  }

  @Override
  public void markSent(Collection<String> identifiers, Instant sentAt) {
    if (identifiers.isEmpty()) {
      return;
    }
    jdbc.autoCommit("marking " + identifiers.size() + " usage records sent", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE billing_usage_outbox SET sent_at = ?"
          + " WHERE identifier = ANY (?) AND " + PENDING)) {
        Jdbc.setInstant(ps, 1, sentAt);
        ps.setArray(2, c.createArrayOf("text", identifiers.toArray()));
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void markRejected(String identifier, String reason, Instant rejectedAt) {
    jdbc.autoCommit("marking usage record " + identifier + " rejected", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE billing_usage_outbox SET rejected_at = ?,"
          + " reject_reason = ? WHERE identifier = ? AND " + PENDING)) {
        Jdbc.setInstant(ps, 1, rejectedAt);
        ps.setString(2, reason);
        ps.setString(3, identifier);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public long pendingCount() {
    return jdbc.autoCommit("counting pending usage", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM billing_usage_outbox WHERE " + PENDING);
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  @Override
  public List<RejectedUsage> rejected(int max) {
    return jdbc.autoCommit("reading rejected usage", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT identifier, tenant_id, event_name, value, occurred_at,"
          + " reject_reason FROM billing_usage_outbox WHERE rejected_at IS NOT NULL"
          + " ORDER BY rejected_at, identifier LIMIT ?")) {
        ps.setInt(1, max);
        try (ResultSet rs = ps.executeQuery()) {
          List<RejectedUsage> records = new ArrayList<>();
          while (rs.next()) {
            records.add(new RejectedUsage(read(rs), Objects.requireNonNullElse(rs.getString("reject_reason"), "")));
          }
          return records;
        }
      }
    });
  }

  private static UsageRecord read(ResultSet rs) throws SQLException {
    Instant at = Jdbc.instant(rs, "occurred_at");
    return new UsageRecord(rs.getString("identifier"), rs.getString("tenant_id"), rs.getString("event_name"),
        rs.getLong("value"), at == null ? Instant.EPOCH : at);
  }
}
