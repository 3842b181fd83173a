package io.offgridflow.billing.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.billing.BillingState;
import io.offgridflow.billing.Feature;
import io.offgridflow.billing.SubscriptionStatus;
import io.offgridflow.billing.UsageRecord;
import io.offgridflow.billing.gateway.BillingGateway;
import io.offgridflow.billing.gateway.CancelMode;
import io.offgridflow.billing.gateway.CheckoutRequest;
import io.offgridflow.billing.gateway.CustomerRequest;
import io.offgridflow.billing.gateway.InvoiceView;
import io.offgridflow.billing.gateway.Proration;
import io.offgridflow.billing.gateway.SubscriptionRequest;
import io.offgridflow.billing.gateway.SubscriptionView;
import io.offgridflow.billing.store.InMemoryBillingStateStore;
import io.offgridflow.billing.store.InMemoryProcessedEventStore;
import io.opentelemetry.api.OpenTelemetry;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** With a gateway, out-of-order events are resolved by reading the live object. */
class RefetchTest {
  private static final String TENANT = "tenant-live";
  private static final String CUSTOMER = "cus_live";

  /** Answers reads from a fixed "live" Stripe account; mutating calls are not part of this test. */
  static final class LiveAccount implements BillingGateway {
    final AtomicInteger subscriptionReads = new AtomicInteger();
    volatile SubscriptionView live;
    final Map<String, String> tenantsByCustomer;

    LiveAccount(SubscriptionView live, Map<String, String> tenantsByCustomer) {
      this.live = live;
      this.tenantsByCustomer = tenantsByCustomer;
    }

    @Override
    public SubscriptionView retrieveSubscription(String subscriptionId) {
      subscriptionReads.incrementAndGet();
      return live;
    }

    @Override
    public Optional<String> customerTenant(String customerId) {
      return Optional.ofNullable(tenantsByCustomer.get(customerId));
    }

    @Override
    public String createCustomer(CustomerRequest request) {
      throw new UnsupportedOperationException("read-only test gateway");
    }

    @Override
    public SubscriptionView createSubscription(SubscriptionRequest request) {
      throw new UnsupportedOperationException("read-only test gateway");
    }

    @Override
    public SubscriptionView changePlan(String id, String price, Proration proration, String key) {
      throw new UnsupportedOperationException("read-only test gateway");
    }

    @Override
    public SubscriptionView cancelSubscription(String id, CancelMode mode, String key) {
      throw new UnsupportedOperationException("read-only test gateway");
    }

    @Override
    public URI checkoutSession(CheckoutRequest request) {
      throw new UnsupportedOperationException("read-only test gateway");
    }

    @Override
    public URI billingPortalSession(String customerId, URI returnUrl, String key) {
      throw new UnsupportedOperationException("read-only test gateway");
    }

    @Override
    public List<InvoiceView> invoices(String customerId, int limit) {
      throw new UnsupportedOperationException("read-only test gateway");
    }

    @Override
    public void sendMeterEvent(UsageRecord usage, String customerId) {
      throw new UnsupportedOperationException("read-only test gateway");
    }
  }

  @Test
  void aStaleSubscriptionEventAppliesTheLiveSubscription() {
    SubscriptionView live = new SubscriptionView("sub_live", CUSTOMER, SubscriptionStatus.PAST_DUE,
        Optional.of(WebhookHarness.ENTERPRISE_PRICE), Optional.empty(), Optional.empty(), Optional.empty(), false,
        Optional.of(TENANT));
    LiveAccount account = new LiveAccount(live, Map.of());
    WebhookHarness h = new WebhookHarness(new InMemoryBillingStateStore(), new InMemoryProcessedEventStore(), account,
        OpenTelemetry.noop());
    long t0 = WebhookHarness.NOW.getEpochSecond() - 100;
    h.deliver(StripeFixtures.subscription("evt_new", "customer.subscription.updated", t0 + 10, "sub_live", CUSTOMER,
        TENANT, "active", WebhookHarness.ENTERPRISE_PRICE, null, false));
    assertThat(account.subscriptionReads.get()).as("in-order events need no read").isZero();

    WebhookResponse r = h.deliver(StripeFixtures.subscription("evt_old", "customer.subscription.updated", t0,
        "sub_live", CUSTOMER, TENANT, "trialing", WebhookHarness.PRO_PRICE, null, false));
    assertThat(r.outcome()).isEqualTo(WebhookResponse.Outcome.STALE);
    assertThat(r.message()).contains("re-fetched");
    assertThat(account.subscriptionReads.get()).isEqualTo(1);
    BillingState s = h.states.find(TENANT).orElseThrow();
    assertThat(s.status()).as("the live status, not the stale event's").isEqualTo(SubscriptionStatus.PAST_DUE);
    assertThat(s.planId()).isEqualTo("enterprise");
    assertThat(s.subscriptionVersion()).as("stamped with the fetch time")
        .isEqualTo(h.clock.instant().getEpochSecond());
  }

  @Test
  void anEventForACustomerNotYetLinkedFindsItsTenantThroughTheGateway() {
    LiveAccount account = new LiveAccount(null, Map.of(CUSTOMER, TENANT));
    WebhookHarness h = new WebhookHarness(new InMemoryBillingStateStore(), new InMemoryProcessedEventStore(), account,
        OpenTelemetry.noop());
    WebhookResponse r = h.deliver(StripeFixtures.entitlementSummary("evt_ent", Instant.parse("2025-06-01T11:00:00Z")
        .getEpochSecond(), CUSTOMER, "beta_dashboards"));
    assertThat(r.outcome()).isEqualTo(WebhookResponse.Outcome.APPLIED);
    assertThat(h.states.find(TENANT).orElseThrow().stripeEntitlements()).containsExactly("beta_dashboards");
    assertThat(h.entitlements.check(TENANT, Feature.of("beta_dashboards"))).as("fallback plan, no subscription")
        .isFalse();
  }
}
