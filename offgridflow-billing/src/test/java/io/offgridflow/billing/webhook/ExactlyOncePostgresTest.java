package io.offgridflow.billing.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.offgridflow.billing.BillingState;
import io.offgridflow.billing.SubscriptionStatus;
import io.offgridflow.billing.store.BillingSchema;
import io.offgridflow.billing.store.PostgresBillingStateStore;
import io.offgridflow.billing.store.PostgresProcessedEventStore;
import io.offgridflow.testkit.TestPostgres;
import io.opentelemetry.api.OpenTelemetry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The bar: 10,000 events, each delivered three times, concurrently from 8 threads, against the
 * PostgreSQL stores, are applied exactly once. A 409 (another delivery holds the event) is retried,
 * as Stripe would.
 */
class ExactlyOncePostgresTest {
  private static final int EVENTS = 10_000;
  private static final int DELIVERIES_EACH = 3;
  private static final int THREADS = 8;
  private static final int TENANTS = 200;

  @Test
  void tenThousandEventsDeliveredThreeTimesFromEightThreadsAreAppliedExactlyOnce() throws Exception {
    HikariConfig config = new HikariConfig();
    config.setDataSource(TestPostgres.newSchema("billing_once"));
    config.setMaximumPoolSize(THREADS);
    try (HikariDataSource pool = new HikariDataSource(config)) {
      BillingSchema.migrate(pool);
      WebhookHarness h = new WebhookHarness(new PostgresBillingStateStore(pool), new PostgresProcessedEventStore(pool),
          null, OpenTelemetry.noop());

      // Per tenant, subscription and invoice events with increasing creation times; the newest
      // subscription event of each tenant decides its final status and plan.
      long base = WebhookHarness.NOW.getEpochSecond() - 1_000_000;
      List<String> payloads = new ArrayList<>(EVENTS);
      String[] lastStatus = new String[TENANTS];
      String[] lastPrice = new String[TENANTS];
      Random random = new Random(42);
      for (int i = 0; i < EVENTS; i++) {
        int t = i % TENANTS;
        long created = base + i;
        String tenant = "tenant-once-" + t;
        String customer = "cus_once" + t;
        if ((i / TENANTS) % 5 == 4) { // every tenant: 40 subscription and 10 invoice events
          payloads.add(StripeFixtures.invoice("evt_once_" + i, random.nextBoolean() ? "invoice.payment_failed"
              : "invoice.paid", created, "in_once" + t, customer, tenant));
        } else {
          String status = random.nextBoolean() ? "active" : "past_due";
          String price = random.nextBoolean() ? WebhookHarness.PRO_PRICE : WebhookHarness.ENTERPRISE_PRICE;
          lastStatus[t] = status;
          lastPrice[t] = price;
          payloads.add(StripeFixtures.subscription("evt_once_" + i, "customer.subscription.updated", created,
              "sub_once" + t, customer, tenant, status, price, null, false));
        }
      }
      List<String> deliveries = new ArrayList<>(EVENTS * DELIVERIES_EACH);
      for (int copy = 0; copy < DELIVERIES_EACH; copy++) {
        deliveries.addAll(payloads);
      }
      Collections.shuffle(deliveries, random);
      ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(deliveries);

      Map<WebhookResponse.Outcome, AtomicLong> outcomes = new EnumMap<>(WebhookResponse.Outcome.class);
      for (WebhookResponse.Outcome o : WebhookResponse.Outcome.values()) {
        outcomes.put(o, new AtomicLong());
      }
      ExecutorService workers = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < THREADS; w++) {
        futures.add(workers.submit(() -> {
          String payload;
          while ((payload = queue.poll()) != null) {
            WebhookResponse r = h.deliver(payload);
            outcomes.get(r.outcome()).incrementAndGet();
            if (r.status() == 409) {
              queue.add(payload); // Stripe retries later
            } else {
              assertThat(r.status()).as(r.message()).isEqualTo(200);
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      workers.shutdown();

      assertThat(h.listener.appliedPerEvent.size()).as("events applied at least once").isEqualTo(EVENTS);
      long doubleApplied = h.listener.appliedPerEvent.values().stream().filter(n -> n.get() != 1).count();
      assertThat(doubleApplied).as("events applied more than once").isZero();
      assertThat(outcomes.get(WebhookResponse.Outcome.APPLIED).get() + outcomes.get(WebhookResponse.Outcome.STALE).get())
          .isEqualTo(EVENTS);
      assertThat(outcomes.get(WebhookResponse.Outcome.DUPLICATE).get())
          .isEqualTo((long) EVENTS * (DELIVERIES_EACH - 1));
      try (Connection c = pool.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*), count(applied_at) FROM billing_processed_event")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(EVENTS);
        assertThat(rs.getLong(2)).isEqualTo(EVENTS);
      }
      for (int t = 0; t < TENANTS; t++) {
        BillingState state = h.states.find("tenant-once-" + t).orElseThrow();
        assertThat(state.status()).isEqualTo(SubscriptionStatus.fromStripe(lastStatus[t]));
        assertThat(state.planId()).isEqualTo(lastPrice[t].equals(WebhookHarness.PRO_PRICE) ? "pro" : "enterprise");
      }
      System.err.printf("exactly-once: %d events x%d from %d threads: applied=%d stale=%d duplicate=%d"
          + " in-progress(409, retried)=%d double-applied=%d%n", EVENTS, DELIVERIES_EACH, THREADS,
          outcomes.get(WebhookResponse.Outcome.APPLIED).get(), outcomes.get(WebhookResponse.Outcome.STALE).get(),
          outcomes.get(WebhookResponse.Outcome.DUPLICATE).get(), outcomes.get(WebhookResponse.Outcome.IN_PROGRESS).get(),
          doubleApplied);
    }
  }
}
