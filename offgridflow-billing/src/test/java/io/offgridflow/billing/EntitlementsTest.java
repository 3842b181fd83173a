package io.offgridflow.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.billing.store.InMemoryBillingStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntitlementsTest {
  private static final Instant START = Instant.parse("2025-06-10T12:00:00Z");

  private final MutableClock clock = new MutableClock(START);
  private final InMemoryBillingStateStore store = new InMemoryBillingStateStore();

  private Entitlements entitlements(LapsePolicy policy) {
    return Entitlements.builder().catalog(PlanCatalog.defaults()).stateStore(store).lapsePolicy(policy)
        .clock(clock).build();
  }

  private BillingState put(String tenant, SubscriptionStatus status, String plan, Instant paymentFailedAt) {
    return store.update(tenant, "free", s -> s.toBuilder().status(status).planId(plan)
        .paymentFailedAt(paymentFailedAt).build()).after();
  }

  @Test
  void unknownTenantGetsTheFallbackPlan() {
    Entitlements e = entitlements(LapsePolicy.defaults());
    assertThat(e.check("nobody", Feature.API_ACCESS)).isTrue();
    assertThat(e.check("nobody", Feature.XBRL_EXPORT)).isFalse();
    assertThat(e.access("nobody").state()).isEqualTo(TenantAccess.State.NO_SUBSCRIPTION);
  }

  @Test
  void planChangeTakesEffectAtOnceOnRefresh() {
    Entitlements e = entitlements(LapsePolicy.defaults());
    assertThat(e.check("acme", Feature.SSO)).isFalse();
    e.refresh(store.update("acme", "free", s -> s.toBuilder().status(SubscriptionStatus.ACTIVE)
        .planId("enterprise").build()).after());
    assertThat(e.check("acme", Feature.SSO)).isTrue();
    assertThatThrownBy(() -> e.require("acme", Feature.of("unknown_feature")))
        .isInstanceOf(FeatureNotEntitledException.class).hasMessageContaining("enterprise")
        .hasMessageContaining("unknown_feature");
  }

  @Test
  void failedPaymentKeepsThePlanForTheGracePeriodThenDowngrades() {
    Entitlements e = entitlements(LapsePolicy.builder().gracePeriod(Duration.ofDays(3)).build());
    e.refresh(put("acme", SubscriptionStatus.PAST_DUE, "pro", START));

    clock.advance(Duration.ofDays(3).minusSeconds(1));
    assertThat(e.check("acme", Feature.XBRL_EXPORT)).as("one second before grace ends").isTrue();
    assertThat(e.access("acme").graceEndsAt()).contains(START.plus(Duration.ofDays(3)));

    clock.advance(Duration.ofSeconds(1));
    assertThat(e.check("acme", Feature.XBRL_EXPORT)).as("when grace ends").isFalse();
    assertThat(e.access("acme").state()).isEqualTo(TenantAccess.State.DOWNGRADED);
    assertThat(e.allowance("acme", Limit.SEATS)).isEqualTo(PlanCatalog.defaults().plan("free").allowance(Limit.SEATS));
  }

  @Test
  void suspendPolicyRemovesEverythingAfterGrace() {
    Entitlements e = entitlements(LapsePolicy.builder().gracePeriod(Duration.ofDays(1))
        .afterGrace(LapsePolicy.AfterGrace.SUSPEND).build());
    e.refresh(put("acme", SubscriptionStatus.ACTIVE, "pro", START));
    clock.advance(Duration.ofDays(2));
    assertThat(e.check("acme", Feature.API_ACCESS)).isFalse();
    assertThat(e.access("acme").state()).isEqualTo(TenantAccess.State.SUSPENDED);
    assertThat(e.allowance("acme", Limit.SEATS)).isZero();
  }

  @Test
  void stripeEntitlementsAddFeaturesWhileSubscribed() {
    Entitlements e = entitlements(LapsePolicy.defaults());
    e.refresh(store.update("acme", "free", s -> s.toBuilder().status(SubscriptionStatus.ACTIVE).planId("free")
        .stripeEntitlements(Set.of("beta_dashboards")).build()).after());
    assertThat(e.check("acme", Feature.of("beta_dashboards"))).isTrue();
  }

  @Test
  void canceledSubscriptionFallsBackToFree() {
    Entitlements e = entitlements(LapsePolicy.defaults());
    e.refresh(put("acme", SubscriptionStatus.CANCELED, "pro", null));
    assertThat(e.access("acme").effectivePlanId()).isEqualTo("free");
  }

  @Test
  void maxStalenessRereadsAStoreChangedElsewhere() {
    Entitlements e = Entitlements.builder().catalog(PlanCatalog.defaults()).stateStore(store).clock(clock)
        .maxStaleness(Duration.ofSeconds(30)).build();
    assertThat(e.check("acme", Feature.SSO)).isFalse();
    put("acme", SubscriptionStatus.ACTIVE, "enterprise", null); // another instance wrote it
    assertThat(e.check("acme", Feature.SSO)).as("cached until stale").isFalse();
    clock.advance(Duration.ofSeconds(30));
    assertThat(e.check("acme", Feature.SSO)).isTrue();
  }
}
