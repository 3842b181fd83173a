package io.offgridflow.billing.metering;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.offgridflow.billing.StripeResources.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.offgridflow.billing.MutableClock;
import io.offgridflow.billing.gateway.StripeBillingGateway;
import io.offgridflow.billing.spi.BillingStateStore;
import io.offgridflow.billing.spi.UsageOutbox;
import io.offgridflow.billing.store.BillingSchema;
import io.offgridflow.billing.store.PostgresBillingStateStore;
import io.offgridflow.billing.store.PostgresUsageOutbox;
import io.offgridflow.testkit.TestPostgres;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Usage flows from the PostgreSQL outbox to Stripe meter events (WireMock), losing nothing in an outage. */
class MeterEventFlusherTest {
  @RegisterExtension
  static WireMockExtension stripe = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  private static final Pattern IDENTIFIER = Pattern.compile("(?:^|&)identifier=([^&]+)");

  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
  private UsageOutbox outbox;
  private BillingStateStore states;
  private UsageMeter meter;
  private MeterEventFlusher flusher;

  private HikariDataSource pool;

  @BeforeEach
  void setUp() {
    HikariConfig config = new HikariConfig();
    config.setDataSource(TestPostgres.newSchema("billing_meter"));
    config.setMaximumPoolSize(2);
    pool = new HikariDataSource(config);
    DataSource ds = pool;
    BillingSchema.migrate(ds);
    outbox = new PostgresUsageOutbox(ds);
    states = new PostgresBillingStateStore(ds);
    states.update("acme", "pro", s -> s.toBuilder().customerId("cus_QxGateway").build());
    meter = UsageMeter.builder().outbox(outbox).clock(clock).build();
    StripeBillingGateway gateway = StripeBillingGateway.builder().apiKey("sk_test_meter")
        .apiBase(URI.create(stripe.baseUrl())).maxNetworkRetries(1).build();
    flusher = MeterEventFlusher.builder().outbox(outbox).stateStore(states).gateway(gateway).clock(clock)
        .batchSize(50).build();
  }

  @AfterEach
  void closePool() {
    pool.close();
  }

  private static void stripeUp() {
    stripe.resetAll();
    stripe.stubFor(post(urlPathEqualTo("/v1/billing/meter_events")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody(json("meter_event"))));
  }

  private static void stripeDown() {
    stripe.resetAll();
    stripe.stubFor(post(urlPathEqualTo("/v1/billing/meter_events")).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "application/json").withBody(json("error_api"))));
  }

  private static Set<String> identifiersReceivedOk() {
    Set<String> ids = new HashSet<>();
    for (LoggedRequest r : stripe.findAll(postRequestedFor(urlPathEqualTo("/v1/billing/meter_events")))) {
      Matcher m = IDENTIFIER.matcher(r.getBodyAsString());
      if (m.find()) {
        ids.add(URLDecoder.decode(m.group(1), StandardCharsets.UTF_8));
      }
    }
    return ids;
  }

  @Test
  void anOutageLeavesUsagePendingAndTheNextFlushSendsAllOfIt() {
    int records = 120;
    for (int i = 0; i < records; i++) {
      clock.advance(Duration.ofSeconds(1));
      meter.record("usage-" + i, "acme", "activity_rows", i + 1);
    }
    assertThat(meter.record("usage-0", "acme", "activity_rows", 1)).as("same identifier twice").isFalse();

    stripeUp();
    FlushResult first = flusher.flush();
    assertThat(first.sent()).isEqualTo(50);
    assertThat(first.pendingAfter()).isEqualTo(records - 50);

    stripeDown();
    FlushResult outage = flusher.flush();
    assertThat(outage.gatewayUnavailable()).isTrue();
    assertThat(outage.sent()).isZero();
    assertThat(outage.pendingAfter()).as("nothing lost").isEqualTo(records - 50);

    stripeUp();
    FlushResult recovered = flusher.flushAll();
    assertThat(recovered.sent()).isEqualTo(records - 50);
    assertThat(recovered.pendingAfter()).isZero();
    Set<String> expected = new HashSet<>();
    for (int i = 50; i < records; i++) {
      expected.add("usage-" + i);
    }
    assertThat(identifiersReceivedOk()).containsExactlyInAnyOrderElementsOf(expected);
    stripe.verify(postRequestedFor(urlPathEqualTo("/v1/billing/meter_events"))
        .withRequestBody(containing("identifier=usage-119")).withRequestBody(containing("payload[value]=120")));
  }

  @Test
  void usageWithoutACustomerOrRefusedByStripeIsParkedWithTheReason() {
    meter.record("orphan-1", "no-customer-tenant", "activity_rows", 5);
    clock.advance(Duration.ofSeconds(1));
    meter.record("bad-meter-1", "acme", "unknown_meter", 5);
    stripe.resetAll();
    stripe.stubFor(post(urlPathEqualTo("/v1/billing/meter_events")).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json").withBody(json("error_invalid_request"))));
    FlushResult r = flusher.flush();
    assertThat(r.rejected()).isEqualTo(2);
    assertThat(r.pendingAfter()).isZero();
    List<UsageOutbox.RejectedUsage> parked = outbox.rejected(10);
    assertThat(parked).extracting(p -> p.record().identifier()).containsExactlyInAnyOrder("orphan-1", "bad-meter-1");
    assertThat(parked).filteredOn(p -> p.record().identifier().equals("orphan-1")).singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("no-customer-tenant").contains("no Stripe customer"));
    assertThat(parked).filteredOn(p -> p.record().identifier().equals("bad-meter-1")).singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("HTTP 400").contains("resource_missing"));
  }
}
