package io.offgridflow.billing.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.offgridflow.billing.StripeResources.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.offgridflow.billing.BillingErrorCode;
import io.offgridflow.billing.CardDeclinedException;
import io.offgridflow.billing.GatewayException;
import io.offgridflow.billing.SubscriptionStatus;
import io.offgridflow.billing.UsageRecord;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Stripe gateway against WireMock answering with Stripe-shaped fixtures. */
class StripeBillingGatewayTest {
  @RegisterExtension
  static WireMockExtension stripe = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  private static final String API_KEY = "sk_test_51QxGatewayTestKey";

  private static StripeBillingGateway gateway(int retries) {
    return StripeBillingGateway.builder().apiKey(API_KEY).apiBase(URI.create(stripe.baseUrl()))
        .maxNetworkRetries(retries).build();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ok(String fixture) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withHeader("Request-Id", "req_QxOk").withBody(json(fixture));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String fixture) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withHeader("Request-Id", "req_QxError").withBody(json(fixture));
  }

  @Test
  void createsACustomerWithTheTenantInMetadataAndTheIdempotencyKey() {
    stripe.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(ok("customer")));
    String id = gateway(2).createCustomer(new CustomerRequest("acme", Optional.of("billing@acme.test"),
        Optional.of("Acme Ltd"), "signup-acme-1"));
    assertThat(id).isEqualTo("cus_QxGateway");
    stripe.verify(postRequestedFor(urlPathEqualTo("/v1/customers"))
        .withHeader("Idempotency-Key", equalTo("signup-acme-1"))
        .withHeader("Authorization", equalTo("Bearer " + API_KEY))
        .withRequestBody(containing("metadata[tenant_id]=acme"))
        .withRequestBody(containing("email=billing%40acme.test")));
  }

  @Test
  void startsASubscriptionWithATrial() {
    stripe.stubFor(post(urlPathEqualTo("/v1/subscriptions")).willReturn(ok("subscription")));
    SubscriptionView s = gateway(2).createSubscription(new SubscriptionRequest("acme", "cus_QxGateway",
        "price_1QxPro", Duration.ofDays(14), "acme-pro-1"));
    assertThat(s.status()).isEqualTo(SubscriptionStatus.TRIALING);
    assertThat(s.priceId()).contains("price_1QxPro");
    assertThat(s.trialEnd()).contains(Instant.ofEpochSecond(1749988800L));
    assertThat(s.currentPeriodEnd()).contains(Instant.ofEpochSecond(1751371200L));
    assertThat(s.tenantId()).contains("acme");
    stripe.verify(postRequestedFor(urlPathEqualTo("/v1/subscriptions"))
        .withHeader("Idempotency-Key", equalTo("acme-pro-1"))
        .withRequestBody(containing("trial_period_days=14"))
        .withRequestBody(containing("items[0][price]=price_1QxPro")));
    assertThatThrownBy(() -> gateway(2).createSubscription(new SubscriptionRequest("acme", "cus_QxGateway",
        "price_1QxPro", Duration.ofHours(36), "k"))).hasMessageContaining("PT36H");
  }

  @Test
  void changesThePlanOfTheSingleItemWithProration() {
    stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_QxGateway")).willReturn(ok("subscription")));
    stripe.stubFor(post(urlPathEqualTo("/v1/subscriptions/sub_QxGateway")).willReturn(ok("subscription_enterprise")));
    SubscriptionView s = gateway(2).changePlan("sub_QxGateway", "price_1QxEnterprise", Proration.ALWAYS_INVOICE,
        "acme-upgrade-1");
    assertThat(s.priceId()).contains("price_1QxEnterprise");
    stripe.verify(postRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_QxGateway"))
        .withHeader("Idempotency-Key", equalTo("acme-upgrade-1"))
        .withRequestBody(containing("items[0][id]=si_QxExample"))
        .withRequestBody(containing("items[0][price]=price_1QxEnterprise"))
        .withRequestBody(containing("proration_behavior=always_invoice")));
  }

  @Test
  void cancelsNowOrAtPeriodEnd() {
    stripe.stubFor(delete(urlPathEqualTo("/v1/subscriptions/sub_QxGateway")).willReturn(ok("subscription_canceled")));
    stripe.stubFor(post(urlPathEqualTo("/v1/subscriptions/sub_QxGateway"))
        .willReturn(ok("subscription_cancel_at_period_end")));
    assertThat(gateway(2).cancelSubscription("sub_QxGateway", CancelMode.NOW, "c1").status())
        .isEqualTo(SubscriptionStatus.CANCELED);
    assertThat(gateway(2).cancelSubscription("sub_QxGateway", CancelMode.AT_PERIOD_END, "c2").cancelAtPeriodEnd())
        .isTrue();
    stripe.verify(deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_QxGateway"))
        .withHeader("Idempotency-Key", equalTo("c1")));
    stripe.verify(postRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_QxGateway"))
        .withHeader("Idempotency-Key", equalTo("c2")).withRequestBody(containing("cancel_at_period_end=true")));
  }

  @Test
  void returnsCheckoutAndPortalUrls() {
    stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(ok("checkout_session")));
    stripe.stubFor(post(urlPathEqualTo("/v1/billing_portal/sessions")).willReturn(ok("billing_portal_session")));
    URI checkout = gateway(2).checkoutSession(new CheckoutRequest("acme", "cus_QxGateway", "price_1QxPro",
        Duration.ofDays(14), URI.create("https://app.acme.test/billing/done"),
        URI.create("https://app.acme.test/billing"), "checkout-1"));
    assertThat(checkout.getHost()).isEqualTo("checkout.stripe.com");
    stripe.verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
        .withHeader("Idempotency-Key", equalTo("checkout-1"))
        .withRequestBody(containing("mode=subscription"))
        .withRequestBody(containing("client_reference_id=acme"))
        .withRequestBody(containing("subscription_data[metadata][tenant_id]=acme"))
        .withRequestBody(containing("subscription_data[trial_period_days]=14")));
    URI portal = gateway(2).billingPortalSession("cus_QxGateway", URI.create("https://app.acme.test/account"), "p-1");
    assertThat(portal.getHost()).isEqualTo("billing.stripe.com");
    stripe.verify(postRequestedFor(urlPathEqualTo("/v1/billing_portal/sessions"))
        .withHeader("Idempotency-Key", equalTo("p-1")).withRequestBody(containing("customer=cus_QxGateway")));
  }

  @Test
  void listsInvoices() {
    stripe.stubFor(get(urlPathEqualTo("/v1/invoices")).withQueryParam("customer", equalTo("cus_QxGateway"))
        .withQueryParam("limit", equalTo("12")).willReturn(ok("invoice_list")));
    List<InvoiceView> invoices = gateway(2).invoices("cus_QxGateway", 12);
    assertThat(invoices).extracting(InvoiceView::id).containsExactly("in_1QxExample", "in_1QxOlder");
    assertThat(invoices.get(0).amountPaid()).isEqualTo(4900);
    assertThat(invoices.get(0).status()).isEqualTo("paid");
    assertThat(invoices.get(0).hostedInvoiceUrl()).isPresent();
  }

  @Test
  void sendsMeterEventsWithTheUsageIdentifier() {
    stripe.stubFor(post(urlPathEqualTo("/v1/billing/meter_events")).willReturn(ok("meter_event")));
    gateway(2).sendMeterEvent(new UsageRecord("usage-42", "acme", "activity_rows", 25,
        Instant.ofEpochSecond(1748779000L)), "cus_QxGateway");
    stripe.verify(postRequestedFor(urlPathEqualTo("/v1/billing/meter_events"))
        .withHeader("Idempotency-Key", equalTo("meter-event-usage-42"))
        .withRequestBody(containing("identifier=usage-42"))
        .withRequestBody(containing("event_name=activity_rows"))
        .withRequestBody(containing("payload[stripe_customer_id]=cus_QxGateway"))
        .withRequestBody(containing("payload[value]=25"))
        .withRequestBody(containing("timestamp=1748779000")));
  }

  @Test
  void networkRetriesResendWithTheSameIdempotencyKey() {
    stripe.stubFor(post(urlPathEqualTo("/v1/customers")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(error(500, "error_api")).willSetStateTo("recovered"));
    stripe.stubFor(post(urlPathEqualTo("/v1/customers")).inScenario("flaky").whenScenarioStateIs("recovered")
        .willReturn(ok("customer")));
    assertThat(gateway(2).createCustomer(new CustomerRequest("acme", Optional.empty(), Optional.empty(), "k-retry")))
        .isEqualTo("cus_QxGateway");
    stripe.verify(2, postRequestedFor(urlPathEqualTo("/v1/customers")).withHeader("Idempotency-Key",
        equalTo("k-retry")));
  }

  @Test
  void stripeErrorsBecomeBillingExceptionsWithRetryability() {
    stripe.stubFor(post(urlPathEqualTo("/v1/subscriptions")).willReturn(error(402, "error_card_declined")));
    assertThatThrownBy(() -> gateway(1).createSubscription(new SubscriptionRequest("acme", "cus_QxGateway",
        "price_1QxPro", Duration.ZERO, "k1")))
        .isInstanceOfSatisfying(CardDeclinedException.class, e -> {
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.declineCode()).contains("insufficient_funds");
          assertThat(e.httpStatus()).isEqualTo(402);
          assertThat(e.getMessage()).contains("subscriptions.create").contains("req_QxError")
              .doesNotContain(API_KEY);
        });

    stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(error(400, "error_invalid_request")));
    assertThatThrownBy(() -> gateway(1).checkoutSession(new CheckoutRequest("acme", "cus_1", "price_missing",
        Duration.ZERO, URI.create("https://a.test/ok"), URI.create("https://a.test/no"), "k2")))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.code()).isEqualTo(BillingErrorCode.GATEWAY_INVALID_REQUEST);
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.providerCode()).contains("resource_missing");
          assertThat(e.getMessage()).contains("price_missing");
        });

    stripe.stubFor(post(urlPathEqualTo("/v1/billing_portal/sessions")).willReturn(error(429, "error_rate_limit")
        .withHeader("Stripe-Should-Retry", "false")));
    assertThatThrownBy(() -> gateway(1).billingPortalSession("cus_1", URI.create("https://a.test"), "k3"))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.code()).isEqualTo(BillingErrorCode.GATEWAY_RATE_LIMITED);
          assertThat(e.isRetryable()).isTrue();
        });

    stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_x")).willReturn(error(401, "error_authentication")));
    assertThatThrownBy(() -> gateway(1).retrieveSubscription("sub_x"))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.code()).isEqualTo(BillingErrorCode.GATEWAY_AUTHENTICATION);
          assertThat(e.isRetryable()).isFalse();
        });
  }

  @Test
  void anUnreachableApiIsRetryable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    StripeBillingGateway down = StripeBillingGateway.builder().apiKey(API_KEY)
        .apiBase(URI.create("http://127.0.0.1:" + closedPort)).maxNetworkRetries(1).build();
    assertThatThrownBy(() -> down.retrieveSubscription("sub_1"))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.code()).isEqualTo(BillingErrorCode.GATEWAY_UNAVAILABLE);
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.httpStatus()).isZero();
        });
  }

  @Test
  void configurationIsValidatedAndTheKeyNeverPrinted() {
    assertThatThrownBy(() -> StripeBillingGateway.builder().build()).hasMessageContaining("apiKey");
    assertThatThrownBy(() -> StripeBillingGateway.builder().maxNetworkRetries(0)).hasMessageContaining("0");
    assertThat(gateway(2).toString()).doesNotContain(API_KEY);
    assertThatThrownBy(() -> gateway(2).createCustomer(new CustomerRequest("acme", Optional.empty(), Optional.empty(),
        " "))).hasMessageContaining("idempotency key");
  }
}
