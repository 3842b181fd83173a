package io.offgridflow.billing.store;

import io.offgridflow.billing.BillingErrorCode;
import io.offgridflow.billing.BillingException;
import io.offgridflow.billing.BillingState;
import io.offgridflow.billing.SubscriptionStatus;
import io.offgridflow.billing.internal.Jdbc;
import io.offgridflow.billing.spi.BillingStateStore;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * {@link BillingStateStore} on PostgreSQL (table {@code billing_state}, created by
 * {@link BillingSchema#migrate}). An update locks the tenant's row ({@code SELECT ... FOR UPDATE})
 * for the length of one transaction, so concurrent updates of one tenant queue up rather than
 * overwrite each other. A customer id can belong to one tenant only (unique index).
 *
 * <pre>{@code
 * BillingSchema.migrate(dataSource);
 * BillingStateStore store = new PostgresBillingStateStore(dataSource);
 * }</pre>
 */
public final class PostgresBillingStateStore implements BillingStateStore {
  private static final String COLUMNS = "tenant_id, customer_id, subscription_id, status, plan_id, trial_end,"
      + " current_period_start, current_period_end, cancel_at_period_end, payment_failed_at, payment_action_required,"
      + " stripe_entitlements, customer_version, subscription_version, invoice_version, entitlements_version";

  private final Jdbc jdbc;

  public PostgresBillingStateStore(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public Optional<BillingState> find(String tenantId) {
    return jdbc.autoCommit("reading billing state of tenant '" + tenantId + "'",
        c -> select(c, "SELECT " + COLUMNS + " FROM billing_state WHERE tenant_id = ?", tenantId));
  }

  @Override
  public Optional<BillingState> findByCustomerId(String customerId) {
    return jdbc.autoCommit("reading billing state of customer " + customerId,
        c -> select(c, "SELECT " + COLUMNS + " FROM billing_state WHERE customer_id = ?", customerId));
  }

  @Override
  public StateChange update(String tenantId, String initialPlanId, UnaryOperator<BillingState> change) {
    try {
      return jdbc.inTransaction("updating billing state of tenant '" + tenantId + "'", c -> {
        // Lock the existing row first (the common case: one round trip); insert only for a new tenant.
        String lock = "SELECT " + COLUMNS + " FROM billing_state WHERE tenant_id = ? FOR UPDATE";
        Optional<BillingState> existing = select(c, lock, tenantId);
        boolean created = false;
        if (existing.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO billing_state (tenant_id, status, plan_id)"
              + " VALUES (?, ?, ?) ON CONFLICT (tenant_id) DO NOTHING")) {
            ps.setString(1, tenantId);
            ps.setString(2, SubscriptionStatus.NONE.stripeName());
            ps.setString(3, initialPlanId);
            created = ps.executeUpdate() == 1;
          }
          existing = select(c, lock, tenantId);
        }
        BillingState before = existing.orElseThrow();
        BillingState after = change.apply(before);
        if (!after.tenantId().equals(tenantId)) {
          throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "an update of tenant '" + tenantId
              + "' returned the state of tenant '" + after.tenantId() + "'");
        }
        if (created || !after.equals(before)) {
          write(c, after);
        }
        return new StateChange(created ? Optional.empty() : Optional.of(before), after);
      });
    } catch (BillingException e) {
      if (e.getCause() instanceof SQLException sql && Jdbc.UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "tenant '" + tenantId
            + "': the Stripe customer id is already attached to another tenant (" + sql.getMessage() + ")", sql);
      }
      throw e;
    }
  }

  private static void write(Connection c, BillingState s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE billing_state SET customer_id = ?, subscription_id = ?,"
        + " status = ?, plan_id = ?, trial_end = ?, current_period_start = ?, current_period_end = ?,"
        + " cancel_at_period_end = ?, payment_failed_at = ?, payment_action_required = ?, stripe_entitlements = ?,"
        + " customer_version = ?, subscription_version = ?, invoice_version = ?, entitlements_version = ?,"
        + " updated_at = now() WHERE tenant_id = ?")) {
      ps.setString(1, s.customerId().orElse(null));
      ps.setString(2, s.subscriptionId().orElse(null));
      ps.setString(3, s.status().stripeName());
      ps.setString(4, s.planId());
      Jdbc.setInstant(ps, 5, s.trialEnd().orElse(null));
      Jdbc.setInstant(ps, 6, s.currentPeriodStart().orElse(null));
      Jdbc.setInstant(ps, 7, s.currentPeriodEnd().orElse(null));
      ps.setBoolean(8, s.cancelAtPeriodEnd());
      Jdbc.setInstant(ps, 9, s.paymentFailedAt().orElse(null));
      ps.setBoolean(10, s.paymentActionRequired());
      ps.setArray(11, c.createArrayOf("text", s.stripeEntitlements().stream().sorted().toArray()));
      ps.setLong(12, s.customerVersion());
      ps.setLong(13, s.subscriptionVersion());
      ps.setLong(14, s.invoiceVersion());
      ps.setLong(15, s.entitlementsVersion());
      ps.setString(16, s.tenantId());
      ps.executeUpdate();
    }
  }

  private static Optional<BillingState> select(Connection c, String sql, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  private static BillingState read(ResultSet rs) throws SQLException {
    String status = rs.getString("status");
    return BillingState.initial(rs.getString("tenant_id"), rs.getString("plan_id")).toBuilder()
        .customerId(rs.getString("customer_id"))
        .subscriptionId(rs.getString("subscription_id"))
        .status(status.equals(SubscriptionStatus.NONE.stripeName()) ? SubscriptionStatus.NONE
            : SubscriptionStatus.fromStripe(status))
        .trialEnd(Jdbc.instant(rs, "trial_end"))
        .currentPeriod(Jdbc.instant(rs, "current_period_start"), Jdbc.instant(rs, "current_period_end"))
        .cancelAtPeriodEnd(rs.getBoolean("cancel_at_period_end"))
        .paymentFailedAt(Jdbc.instant(rs, "payment_failed_at"))
        .paymentActionRequired(rs.getBoolean("payment_action_required"))
        .stripeEntitlements(textSet(rs.getArray("stripe_entitlements")))
        .customerVersion(rs.getLong("customer_version"))
        .subscriptionVersion(rs.getLong("subscription_version"))
        .invoiceVersion(rs.getLong("invoice_version"))
        .entitlementsVersion(rs.getLong("entitlements_version"))
        .build();
  }

  private static Set<String> textSet(@Nullable Array array) throws SQLException {
    if (array == null) {
      return Set.of();
    }
    Object[] values = (Object[]) array.getArray();
    Set<String> result = new HashSet<>();
    for (Object v : values) {
      result.add((String) v);
    }
    return result;
  }
}
