package io.offgridflow.billing.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.billing.BillingErrorCode;
import io.offgridflow.billing.BillingException;
import io.offgridflow.billing.BillingState;
import io.offgridflow.billing.SubscriptionStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link BillingStateStore} must show. Extend it with {@link #newStore()}
 * returning an empty store (shipped in the test jar for hosts' own stores).
 */
public abstract class BillingStateStoreContract {
  private BillingStateStore store;

  protected abstract BillingStateStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  private static String tenant() {
    return "t-" + UUID.randomUUID();
  }

  @Test
  void unknownTenantIsAbsent() {
    assertThat(store.find(tenant())).isEmpty();
    assertThat(store.findByCustomerId("cus_unknown")).isEmpty();
  }

  @Test
  void firstUpdateStartsFromTheInitialState() {
    String t = tenant();
    BillingStateStore.StateChange change = store.update(t, "free", s -> s);
    assertThat(change.before()).isEmpty();
    assertThat(change.after()).isEqualTo(BillingState.initial(t, "free"));
    assertThat(change.changed()).isTrue();
    assertThat(store.find(t)).contains(BillingState.initial(t, "free"));
    assertThat(store.update(t, "free", s -> s).changed()).as("no-op second update").isFalse();
  }

  @Test
  void everyFieldRoundTrips() {
    String t = tenant();
    String customer = "cus_" + UUID.randomUUID();
    Instant base = Instant.parse("2025-06-01T10:15:30Z");
    BillingState full = BillingState.initial(t, "free").toBuilder()
        .customerId(customer).subscriptionId("sub_1").status(SubscriptionStatus.PAST_DUE).planId("pro")
        .trialEnd(base.plusSeconds(1)).currentPeriod(base.plusSeconds(2), base.plusSeconds(3))
        .cancelAtPeriodEnd(true).paymentFailedAt(base.plusSeconds(4)).paymentActionRequired(true)
        .stripeEntitlements(Set.of("sso", "beta")).customerVersion(11).subscriptionVersion(12).invoiceVersion(13)
        .entitlementsVersion(14).build();
    BillingStateStore.StateChange change = store.update(t, "free", s -> full);
    assertThat(change.after()).isEqualTo(full);
    assertThat(store.find(t)).contains(full);
    assertThat(store.findByCustomerId(customer)).contains(full);
    BillingState cleared = store.update(t, "free", s -> BillingState.initial(t, "enterprise")).after();
    assertThat(store.find(t)).contains(cleared);
    assertThat(store.findByCustomerId(customer)).as("customer detached").isEmpty();
  }

  @Test
  void aCustomerBelongsToOneTenant() {
    String a = tenant();
    String b = tenant();
    String customer = "cus_" + UUID.randomUUID();
    store.update(a, "free", s -> s.toBuilder().customerId(customer).build());
    assertThatThrownBy(() -> store.update(b, "free", s -> s.toBuilder().customerId(customer).planId("pro").build()))
        .isInstanceOfSatisfying(BillingException.class,
            e -> assertThat(e.code()).isEqualTo(BillingErrorCode.INVALID_CONFIGURATION));
    assertThat(store.findByCustomerId(customer)).map(BillingState::tenantId).contains(a);
    assertThat(store.find(b).map(BillingState::planId)).isNotEqualTo(java.util.Optional.of("pro"));
  }

  @Test
  void concurrentUpdatesOfOneTenantAreSerialised() throws Exception {
    String t = tenant();
    int threads = 8;
    int perThread = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(pool.submit(() -> {
          for (int j = 0; j < perThread; j++) {
            store.update(t, "free", s -> s.toBuilder().invoiceVersion(s.invoiceVersion() + 1).build());
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(store.find(t).orElseThrow().invoiceVersion())
        .as("each of %d x %d increments applied once", threads, perThread).isEqualTo(threads * perThread);
  }
}
