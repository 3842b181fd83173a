package io.offgridflow.billing.store;

import io.offgridflow.billing.BillingErrorCode;
import io.offgridflow.billing.BillingException;
import io.offgridflow.billing.BillingState;
import io.offgridflow.billing.spi.BillingStateStore;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The embedded {@link BillingStateStore}: tenants in a {@link ConcurrentHashMap}, updates atomic
 * per tenant through {@code compute}. State is lost when the JVM stops.
 *
 * <pre>{@code
 * BillingStateStore store = new InMemoryBillingStateStore();
 * }</pre>
 */
public final class InMemoryBillingStateStore implements BillingStateStore {
  private final ConcurrentHashMap<String, BillingState> byTenant = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> tenantByCustomer = new ConcurrentHashMap<>();

  @Override
  public Optional<BillingState> find(String tenantId) {
    return Optional.ofNullable(byTenant.get(tenantId));
  }

  @Override
  public Optional<BillingState> findByCustomerId(String customerId) {
    String tenant = tenantByCustomer.get(customerId);
    return tenant == null ? Optional.empty() : find(tenant);
  }

  @Override
  public StateChange update(String tenantId, String initialPlanId, UnaryOperator<BillingState> change) {
    StateChange[] result = new StateChange[1];
    byTenant.compute(tenantId, (id, current) -> {
      BillingState before = current == null ? BillingState.initial(id, initialPlanId) : current;
      BillingState after = change.apply(before);
      if (!after.tenantId().equals(id)) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "an update of tenant '" + id
            + "' returned the state of tenant '" + after.tenantId() + "'");
      }
      indexCustomer(id, before, after);
      result[0] = new StateChange(Optional.ofNullable(current), after);
      return after;
    });
    return result[0];
  }

  // Runs inside compute(), so the tenant's own index entries cannot race; a customer id claimed by
  // another tenant is refused like the JDBC store's unique index refuses it.
  private void indexCustomer(String tenantId, BillingState before, BillingState after) {
    if (before.customerId().equals(after.customerId())) {
      return;
    }
    after.customerId().ifPresent(customer -> {
      String holder = tenantByCustomer.putIfAbsent(customer, tenantId);
      if (holder != null && !holder.equals(tenantId)) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "Stripe customer " + customer
            + " already belongs to tenant '" + holder + "', cannot attach it to tenant '" + tenantId + "'");
      }
    });
    before.customerId().ifPresent(old -> tenantByCustomer.remove(old, tenantId));
  }
}
