package io.offgridflow.billing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.offgridflow.billing.StripeResources.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.offgridflow.billing.gateway.CustomerRequest;
import io.offgridflow.billing.gateway.StripeBillingGateway;
import io.offgridflow.billing.metering.MeterEventFlusher;
import io.offgridflow.billing.metering.UsageMeter;
import io.offgridflow.billing.store.InMemoryBillingStateStore;
import io.offgridflow.billing.store.InMemoryProcessedEventStore;
import io.offgridflow.billing.store.InMemoryUsageOutbox;
import io.offgridflow.billing.webhook.StripeFixtures;
import io.offgridflow.billing.webhook.StripeSignatureVerifier;
import io.offgridflow.billing.webhook.WebhookHandler;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every instrument the issue names records what happened, with its attributes. */
class TelemetryTest {
  @RegisterExtension
  static WireMockExtension stripe = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  private static final String SECRET = "whsec_telemetry";
  private final InMemoryMetricReader reader = InMemoryMetricReader.create();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build();
  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));

  @AfterEach
  void close() {
    otel.close();
  }

  private long sum(Collection<MetricData> metrics, String name, Attributes attributes) {
    return metrics.stream().filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getLongSumData().getPoints().stream())
        .filter(p -> p.getAttributes().equals(attributes)).mapToLong(LongPointData::getValue).sum();
  }

  private static Attributes attrs(String k1, String v1, String k2, String v2) {
    return Attributes.of(AttributeKey.stringKey(k1), v1, AttributeKey.stringKey(k2), v2);
  }

  @Test
  void webhookOutcomesAndSignatureFailuresAreCounted() {
    PlanCatalog catalog = PlanCatalog.defaults();
    WebhookHandler handler = WebhookHandler.builder()
        .verifier(StripeSignatureVerifier.builder().secret(SECRET).clock(clock).build())
        .catalog(catalog).stateStore(new InMemoryBillingStateStore()).processedEvents(new InMemoryProcessedEventStore())
        .clock(clock).openTelemetry(otel).build();
    long now = clock.instant().getEpochSecond();
    byte[] sub = StripeFixtures.subscription("evt_tel_1", "customer.subscription.created", now, "sub_t", "cus_t",
        "acme", "active", "price_unknown", null, false).getBytes(StandardCharsets.UTF_8);
    byte[] unknown = StripeFixtures.unknown("evt_tel_2", "radar.early_fraud_warning.created", now)
        .getBytes(StandardCharsets.UTF_8);
    String subSig = StripeSignatureVerifier.sign(SECRET, now, sub);
    handler.handle(sub, subSig);
    handler.handle(sub, subSig);
    handler.handle(unknown, StripeSignatureVerifier.sign(SECRET, now, unknown));
    handler.handle(sub, StripeSignatureVerifier.sign("whsec_wrong", now, sub));
    handler.handle(sub, null);

    Collection<MetricData> m = reader.collectAllMetrics();
    String events = "offgridflow.billing.webhook.events";
    assertThat(sum(m, events, attrs("stripe.event_type", "customer.subscription.created", "outcome", "applied")))
        .isEqualTo(1);
    assertThat(sum(m, events, attrs("stripe.event_type", "customer.subscription.created", "outcome", "duplicate")))
        .isEqualTo(1);
    assertThat(sum(m, events, attrs("stripe.event_type", "radar.early_fraud_warning.created", "outcome",
        "unhandled_type"))).isEqualTo(1);
    String failures = "offgridflow.billing.webhook.signature_failures";
    assertThat(sum(m, failures, Attributes.of(AttributeKey.stringKey("reason"), "no_matching_signature"))).isEqualTo(1);
    assertThat(sum(m, failures, Attributes.of(AttributeKey.stringKey("reason"), "missing_header"))).isEqualTo(1);
  }

  @Test
  void entitlementDenialsAreCountedByFeature() {
    Entitlements e = Entitlements.builder().catalog(PlanCatalog.defaults()).stateStore(new InMemoryBillingStateStore())
        .clock(clock).openTelemetry(otel).build();
    e.check("acme", Feature.XBRL_EXPORT);
    e.check("acme", Feature.XBRL_EXPORT);
    e.check("acme", Feature.API_ACCESS);
    assertThat(sum(reader.collectAllMetrics(), "offgridflow.billing.entitlement.denials",
        Attributes.of(AttributeKey.stringKey("feature"), "xbrl_export"))).isEqualTo(2);
  }

  @Test
  void stripeCallsLatencyAndMeterEventsAreRecorded() {
    stripe.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(json("customer"))));
    stripe.stubFor(post(urlPathEqualTo("/v1/billing/meter_events")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody(json("error_invalid_request"))));
    StripeBillingGateway gateway = StripeBillingGateway.builder().apiKey("sk_test_tel")
        .apiBase(URI.create(stripe.baseUrl())).maxNetworkRetries(1).openTelemetry(otel).build();
    gateway.createCustomer(new CustomerRequest("acme", Optional.empty(), Optional.empty(), "tel-1"));

    InMemoryBillingStateStore states = new InMemoryBillingStateStore();
    states.update("acme", "pro", s -> s.toBuilder().customerId("cus_QxGateway").build());
    InMemoryUsageOutbox outbox = new InMemoryUsageOutbox();
    UsageMeter.builder().outbox(outbox).clock(clock).build().record("u-1", "acme", "activity_rows", 3);
    MeterEventFlusher.builder().outbox(outbox).stateStore(states).gateway(gateway).clock(clock).openTelemetry(otel)
        .build().flush();
    assertThatThrownBy(() -> gateway.sendMeterEvent(new UsageRecord("u-2", "acme", "activity_rows", 1,
        clock.instant()), "cus_QxGateway")).isInstanceOf(GatewayException.class);

    Collection<MetricData> m = reader.collectAllMetrics();
    assertThat(sum(m, "offgridflow.billing.stripe.calls", attrs("operation", "customers.create", "outcome", "ok")))
        .isEqualTo(1);
    assertThat(sum(m, "offgridflow.billing.stripe.calls", attrs("operation", "billing.meter_events.create",
        "outcome", "gateway_invalid_request"))).isEqualTo(2);
    long latencyPoints = m.stream().filter(d -> d.getName().equals("offgridflow.billing.stripe.duration"))
        .flatMap(d -> d.getHistogramData().getPoints().stream()).mapToLong(p -> p.getCount()).sum();
    assertThat(latencyPoints).as("one latency sample per call").isEqualTo(3);
    assertThat(sum(m, "offgridflow.billing.meter_events.failed",
        Attributes.of(AttributeKey.stringKey("reason"), "rejected"))).isEqualTo(1);
  }

  @Test
  void acceptedMeterEventsAreCounted() {
    stripe.stubFor(post(urlPathEqualTo("/v1/billing/meter_events")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(json("meter_event"))));
    StripeBillingGateway gateway = StripeBillingGateway.builder().apiKey("sk_test_tel")
        .apiBase(URI.create(stripe.baseUrl())).maxNetworkRetries(1).build();
    InMemoryBillingStateStore states = new InMemoryBillingStateStore();
    states.update("acme", "pro", s -> s.toBuilder().customerId("cus_QxGateway").build());
    InMemoryUsageOutbox outbox = new InMemoryUsageOutbox();
    UsageMeter meter = UsageMeter.builder().outbox(outbox).clock(clock).build();
    meter.record("a", "acme", "activity_rows", 1);
    meter.record("b", "acme", "activity_rows", 2);
    MeterEventFlusher.builder().outbox(outbox).stateStore(states).gateway(gateway).clock(clock).openTelemetry(otel)
        .build().flush();
    assertThat(sum(reader.collectAllMetrics(), "offgridflow.billing.meter_events.sent", Attributes.empty()))
        .isEqualTo(2);
  }
}
