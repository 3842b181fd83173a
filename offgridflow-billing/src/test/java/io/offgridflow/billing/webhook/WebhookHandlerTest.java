package io.offgridflow.billing.webhook;

import static io.offgridflow.billing.webhook.StripeFixtures.customer;
import static io.offgridflow.billing.webhook.StripeFixtures.invoice;
import static io.offgridflow.billing.webhook.StripeFixtures.subscription;
import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.billing.BillingErrorCode;
import io.offgridflow.billing.BillingException;
import io.offgridflow.billing.BillingState;
import io.offgridflow.billing.Feature;
import io.offgridflow.billing.SubscriptionStatus;
import io.offgridflow.billing.TenantAccess;
import io.offgridflow.billing.spi.BillingStateStore;
import io.offgridflow.billing.store.InMemoryBillingStateStore;
import io.offgridflow.billing.store.InMemoryProcessedEventStore;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class WebhookHandlerTest {
  private static final String TENANT = "tenant-example";
  private static final String CUSTOMER = "cus_QxExample";
  private final WebhookHarness h = new WebhookHarness();
  private final long t0 = WebhookHarness.NOW.getEpochSecond() - 60;

  private String sub(String eventId, String type, long created, String status, String price) {
    return subscription(eventId, type, created, "sub_1", CUSTOMER, TENANT, status, price, null, false);
  }

  @Test
  void subscriptionEventPutsTheTenantOnThePricesPlanAtOnce() {
    assertThat(h.entitlements.check(TENANT, Feature.XBRL_EXPORT)).isFalse();
    WebhookResponse r = h.deliver(sub("evt_1", "customer.subscription.created", t0, "active",
        WebhookHarness.PRO_PRICE));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.outcome()).isEqualTo(WebhookResponse.Outcome.APPLIED);
    BillingState s = h.states.find(TENANT).orElseThrow();
    assertThat(s.planId()).isEqualTo("pro");
    assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    assertThat(s.customerId()).contains(CUSTOMER);
    assertThat(s.currentPeriodEnd()).contains(Instant.ofEpochSecond(t0 + 30L * 86_400));
    assertThat(h.entitlements.check(TENANT, Feature.XBRL_EXPORT)).isTrue();
  }

  @Test
  void aDuplicateIsAcknowledgedAndNotAppliedAgain() {
    String payload = sub("evt_dup", "customer.subscription.created", t0, "active", WebhookHarness.PRO_PRICE);
    h.deliver(payload);
    WebhookResponse again = h.deliver(payload);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.outcome()).isEqualTo(WebhookResponse.Outcome.DUPLICATE);
    assertThat(h.listener.appliedPerEvent.get("evt_dup").get()).isEqualTo(1);
  }

  @Test
  void anOlderEventArrivingLateDoesNotOverwriteNewerState() {
    h.deliver(sub("evt_new", "customer.subscription.updated", t0 + 10, "active", WebhookHarness.ENTERPRISE_PRICE));
    WebhookResponse late = h.deliver(sub("evt_old", "customer.subscription.updated", t0, "active",
        WebhookHarness.PRO_PRICE));
    assertThat(late.outcome()).isEqualTo(WebhookResponse.Outcome.STALE);
    assertThat(late.status()).isEqualTo(200);
    assertThat(h.states.find(TENANT).orElseThrow().planId()).isEqualTo("enterprise");
  }

  @Test
  void failedPaymentStartsGraceAndPaidInvoiceEndsIt() {
    h.deliver(sub("evt_s", "customer.subscription.created", t0, "active", WebhookHarness.PRO_PRICE));
    h.deliver(invoice("evt_f", "invoice.payment_failed", t0 + 5, "in_1", CUSTOMER, TENANT));
    TenantAccess access = h.entitlements.access(TENANT);
    assertThat(access.state()).isEqualTo(TenantAccess.State.IN_GRACE);
    assertThat(access.graceEndsAt()).contains(Instant.ofEpochSecond(t0 + 5).plus(Duration.ofDays(7)));
    assertThat(h.listener.invoices).singleElement().satisfies(i -> {
      assertThat(i.type()).isEqualTo("invoice.payment_failed");
      assertThat(i.amountDue()).isEqualTo(4900);
      assertThat(i.hostedInvoiceUrl()).isPresent();
    });
    h.deliver(invoice("evt_p", "invoice.paid", t0 + 9, "in_1", CUSTOMER, TENANT));
    assertThat(h.entitlements.access(TENANT).state()).isEqualTo(TenantAccess.State.SUBSCRIBED);
  }

  @Test
  void trialWillEndReachesTheTypedCallback() {
    long trialEnd = t0 + 3 * 86_400;
    h.deliver(subscription("evt_t", "customer.subscription.trial_will_end", t0, "sub_1", CUSTOMER, TENANT,
        "trialing", WebhookHarness.PRO_PRICE, trialEnd, false));
    assertThat(h.listener.trialsEnding).singleElement().satisfies(t -> {
      assertThat(t.tenantId()).isEqualTo(TENANT);
      assertThat(t.trialEnd()).isEqualTo(Instant.ofEpochSecond(trialEnd));
    });
  }

  @Test
  void customerCheckoutEntitlementAndPaymentIntentEventsAreApplied() {
    h.deliver(customer("evt_c", "customer.created", t0, CUSTOMER, TENANT));
    assertThat(h.states.find(TENANT).orElseThrow().customerId()).contains(CUSTOMER);
    h.deliver(StripeFixtures.checkoutCompleted("evt_cs", t0 + 1, TENANT, CUSTOMER, "sub_9"));
    assertThat(h.states.find(TENANT).orElseThrow().subscriptionId()).contains("sub_9");
    h.deliver(StripeFixtures.entitlementSummary("evt_e", t0 + 2, CUSTOMER, "beta_dashboards"));
    assertThat(h.entitlements.check(TENANT, Feature.of("beta_dashboards"))).as("Stripe-managed feature").isFalse();
    h.deliver(sub("evt_s", "customer.subscription.created", t0 + 3, "active", WebhookHarness.PRO_PRICE));
    assertThat(h.entitlements.check(TENANT, Feature.of("beta_dashboards"))).isTrue();
    h.deliver(StripeFixtures.paymentIntentFailed("evt_pi", t0 + 4, CUSTOMER));
    assertThat(h.listener.paymentIntents).singleElement()
        .satisfies(p -> assertThat(p.failureMessage()).contains("Your card has insufficient funds."));
    h.deliver(customer("evt_cd", "customer.deleted", t0 + 5, CUSTOMER, TENANT));
    BillingState deleted = h.states.find(TENANT).orElseThrow();
    assertThat(deleted.customerId()).isEmpty();
    assertThat(deleted.status()).isEqualTo(SubscriptionStatus.NONE);
  }

  @Test
  void unknownTypesAreAcknowledgedAndReported() {
    WebhookResponse r = h.deliver(StripeFixtures.unknown("evt_u", "radar.early_fraud_warning.created", t0));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.outcome()).isEqualTo(WebhookResponse.Outcome.UNHANDLED_TYPE);
    assertThat(h.listener.unhandled).extracting(WebhookEvents.Unhandled::type)
        .containsExactly("radar.early_fraud_warning.created");
    assertThat(h.deliver(StripeFixtures.unknown("evt_u", "radar.early_fraud_warning.created", t0)).outcome())
        .isEqualTo(WebhookResponse.Outcome.DUPLICATE);
  }

  @Test
  void aCustomerWithoutTenantIsAcknowledged() {
    WebhookResponse r = h.deliver(invoice("evt_x", "invoice.paid", t0, "in_x", "cus_stranger", "")
        .replace("\"tenant_id\":\"\"", "\"other\":\"x\""));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.outcome()).isEqualTo(WebhookResponse.Outcome.NO_TENANT);
  }

  @Test
  void badPayloadsAreRejectedWith400NamingTheField() {
    String noType = sub("evt_b", "customer.subscription.created", t0, "active", WebhookHarness.PRO_PRICE)
        .replace("\"type\":\"customer.subscription.created\"", "\"kind\":\"x\"");
    WebhookResponse r = h.deliver(noType);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message()).contains("'type'");
    WebhookResponse badStatus = h.deliver(sub("evt_b2", "customer.subscription.created", t0, "sleeping",
        WebhookHarness.PRO_PRICE));
    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.message()).contains("sleeping");
    assertThat(h.events.find("evt_b2")).as("claim released").isEmpty();
  }

  @Test
  void aStoreFailureReleasesTheClaimSoTheRetryApplies() {
    AtomicBoolean down = new AtomicBoolean(true);
    InMemoryBillingStateStore real = new InMemoryBillingStateStore();
    BillingStateStore flaky = new BillingStateStore() {
      @Override
      public Optional<BillingState> find(String tenantId) {
        return real.find(tenantId);
      }

      @Override
      public Optional<BillingState> findByCustomerId(String customerId) {
        return real.findByCustomerId(customerId);
      }

      @Override
      public StateChange update(String tenantId, String plan, UnaryOperator<BillingState> change) {
        if (down.get()) {
          throw new BillingException(BillingErrorCode.STATE_STORE_FAILURE, "database down");
        }
        return real.update(tenantId, plan, change);
      }
    };
    WebhookHarness flakyHarness = new WebhookHarness(flaky, new InMemoryProcessedEventStore(), null,
        OpenTelemetry.noop());
    String payload = sub("evt_r", "customer.subscription.created", t0, "active", WebhookHarness.PRO_PRICE);
    WebhookResponse failed = flakyHarness.deliver(payload);
    assertThat(failed.status()).isEqualTo(500);
    assertThat(failed.message()).doesNotContain(WebhookHarness.SECRET);
    down.set(false);
    assertThat(flakyHarness.deliver(payload).outcome()).isEqualTo(WebhookResponse.Outcome.APPLIED);
    assertThat(real.find(TENANT).orElseThrow().planId()).isEqualTo("pro");
  }

  @Test
  void aThrowingListenerDoesNotFailTheWebhook() {
    WebhookHarness quiet = new WebhookHarness();
    WebhookHandler handler = WebhookHandler.builder()
        .verifier(StripeSignatureVerifier.builder().secret(WebhookHarness.SECRET).clock(quiet.clock).build())
        .catalog(quiet.catalog).stateStore(quiet.states).processedEvents(quiet.events).clock(quiet.clock)
        .listener(new BillingListener() {
          @Override
          public void onEventApplied(WebhookEvents.Applied event) {
            throw new IllegalStateException("mail server down");
          }
        }).build();
    byte[] body = sub("evt_l", "customer.subscription.created", t0, "active", WebhookHarness.PRO_PRICE).getBytes();
    WebhookResponse r = handler.handle(body, StripeSignatureVerifier.sign(WebhookHarness.SECRET,
        quiet.clock.instant().getEpochSecond(), body));
    assertThat(r.status()).isEqualTo(200);
    assertThat(quiet.states.find(TENANT)).isPresent();
  }
}
