package io.offgridflow.billing.spi;

import io.offgridflow.billing.BillingState;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where each tenant's {@link BillingState} lives. Implementations must make {@link #update}
 * atomic per tenant: two concurrent updates of one tenant never both read the same old state.
 * Bundled: {@code InMemoryBillingStateStore} (default) and {@code PostgresBillingStateStore}. A
 * host's own store runs {@code BillingStateStoreContract} from the test jar.
 *
 * <pre>{@code
 * StateChange c = store.update("acme", "free", s -> s.toBuilder().planId("pro").build());
 * }</pre>
 */
public interface BillingStateStore {
  Optional<BillingState> find(String tenantId);

  /** The tenant whose state holds this Stripe customer id. */
  Optional<BillingState> findByCustomerId(String customerId);

  /**
   * Atomically replaces the tenant's state with {@code change} applied to it, starting from
   * {@link BillingState#initial(String, String) initial(tenantId, initialPlanId)} when the tenant
   * has none. {@code change} must be a pure function: an implementation may call it more than once.
   *
   * @throws io.offgridflow.billing.BillingException with code {@code STATE_STORE_FAILURE} when the
   *     store cannot be read or written, or {@code INVALID_CONFIGURATION} when the customer id is
   *     already held by another tenant
   */
  StateChange update(String tenantId, String initialPlanId, UnaryOperator<BillingState> change);

  /**
   * The outcome of {@link #update}.
   *
   * @param before the state before, absent when the tenant had none
   * @param after the state stored
   */
  record StateChange(Optional<BillingState> before, BillingState after) {
    public boolean changed() {
      return before.map(b -> !b.equals(after)).orElse(true);
    }
  }
}
