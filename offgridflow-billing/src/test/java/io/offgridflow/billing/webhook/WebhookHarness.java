package io.offgridflow.billing.webhook;

import io.offgridflow.billing.Entitlements;
import io.offgridflow.billing.MutableClock;
import io.offgridflow.billing.PlanCatalog;
import io.offgridflow.billing.gateway.BillingGateway;
import io.offgridflow.billing.spi.BillingStateStore;
import io.offgridflow.billing.spi.ProcessedEventStore;
import io.offgridflow.billing.store.InMemoryBillingStateStore;
import io.offgridflow.billing.store.InMemoryProcessedEventStore;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A webhook handler wired to stores, a movable clock and a recording listener. */
final class WebhookHarness {
  static final String SECRET = "whsec_test_5f1c0d9a7b3e4c2a";
  static final String OLD_SECRET = "whsec_test_previous_0a1b2c3d";
  static final String PRO_PRICE = "price_1QxPro";
  static final String ENTERPRISE_PRICE = "price_1QxEnterprise";
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  final MutableClock clock = new MutableClock(NOW);
  final PlanCatalog catalog = PlanCatalog.builder().addDefaults().stripePrice(PlanCatalog.PRO, PRO_PRICE)
      .stripePrice(PlanCatalog.ENTERPRISE, ENTERPRISE_PRICE).build();
  final BillingStateStore states;
  final ProcessedEventStore events;
  final Entitlements entitlements;
  final RecordingListener listener = new RecordingListener();
  final WebhookHandler handler;

  WebhookHarness() {
    this(new InMemoryBillingStateStore(), new InMemoryProcessedEventStore(), null, OpenTelemetry.noop());
  }

  WebhookHarness(BillingStateStore states, ProcessedEventStore events, @Nullable BillingGateway gateway,
      OpenTelemetry otel) {
    this.states = states;
    this.events = events;
    this.entitlements = Entitlements.builder().catalog(catalog).stateStore(states).clock(clock).build();
    WebhookHandler.Builder b = WebhookHandler.builder()
        .verifier(StripeSignatureVerifier.builder().secret(SECRET).secret(OLD_SECRET).clock(clock).build())
        .catalog(catalog).stateStore(states).processedEvents(events).entitlements(entitlements)
        .listener(listener).clock(clock).openTelemetry(otel);
    if (gateway != null) {
      b.gateway(gateway);
    }
    this.handler = b.build();
  }

  /** Delivers a payload signed now with the current secret, as Stripe would. */
  WebhookResponse deliver(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return handler.handle(body, StripeSignatureVerifier.sign(SECRET, clock.instant().getEpochSecond(), body));
  }
}
