package io.offgridflow.benchmarks.billing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.offgridflow.billing.Entitlements;
import io.offgridflow.billing.PlanCatalog;
import io.offgridflow.billing.spi.BillingStateStore;
import io.offgridflow.billing.spi.ProcessedEventStore;
import io.offgridflow.billing.store.BillingSchema;
import io.offgridflow.billing.store.InMemoryBillingStateStore;
import io.offgridflow.billing.store.InMemoryProcessedEventStore;
import io.offgridflow.billing.store.PostgresBillingStateStore;
import io.offgridflow.billing.store.PostgresProcessedEventStore;
import io.offgridflow.billing.webhook.SignatureCheck;
import io.offgridflow.billing.webhook.StripeSignatureVerifier;
import io.offgridflow.billing.webhook.WebhookHandler;
import io.offgridflow.billing.webhook.WebhookResponse;
import io.offgridflow.testkit.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * End-to-end webhook throughput: signed Stripe subscription events through
 * {@code WebhookHandler.handle} (verify, claim, apply, mark applied, refresh entitlements) with the
 * PostgreSQL stores on a HikariCP pool. Peers in the same run: the same events with the in-memory
 * stores, and signature verification alone. Prints one line.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.offgridflow.benchmarks.billing.WebhookThroughput [events] [threads]
 * </pre>
 * The database is {@code OFFGRIDFLOW_TEST_JDBC_URL}, else 127.0.0.1:5432 (user postgres, db test),
 * else an embedded server; each run uses a fresh schema.
 */
public final class WebhookThroughput {
  private static final String SECRET = "whsec_benchmark_secret";
  private static final String PRICE = "price_bench_pro";

  private WebhookThroughput() {}

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    long now = Clock.systemUTC().instant().getEpochSecond();
    List<byte[]> bodies = new ArrayList<>(events);
    List<String> headers = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      int tenant = i % 1_000;
      byte[] body = subscriptionEvent("evt_bench_" + i, now - events + i, "tenant-" + tenant, "cus_bench" + tenant,
          "sub_bench" + tenant).getBytes(StandardCharsets.UTF_8);
      bodies.add(body);
      headers.add(StripeSignatureVerifier.sign(SECRET, now, body));
    }

    StripeSignatureVerifier verifier = StripeSignatureVerifier.builder().secret(SECRET).build();
    for (int i = 0; i < bodies.size(); i++) {
      verifier.verify(bodies.get(i), headers.get(i)); // warm-up
    }
    double verifyPerSecond = run(bodies, threads, i -> {
      if (verifier.verify(bodies.get(i), headers.get(i)) != SignatureCheck.VALID) {
        throw new IllegalStateException("benchmark event " + i + " did not verify");
      }
    });
    // Warm-up pass (JIT) on throw-away stores; every measured pass starts from empty stores.
    run(bodies, threads, handlerTask(bodies, headers, new InMemoryBillingStateStore(),
        new InMemoryProcessedEventStore(), verifier));
    double memoryPerSecond = run(bodies, threads, handlerTask(bodies, headers,
        new InMemoryBillingStateStore(), new InMemoryProcessedEventStore(), verifier));

    HikariConfig config = new HikariConfig();
    config.setDataSource(TestPostgres.newSchema("billing_bench"));
    config.setMaximumPoolSize(threads);
    double postgresPerSecond;
    double floorPerSecond;
    try (HikariDataSource pool = new HikariDataSource(config)) {
      BillingSchema.migrate(pool);
      postgresPerSecond = run(bodies, threads, handlerTask(bodies, headers, new PostgresBillingStateStore(pool),
          new PostgresProcessedEventStore(pool), verifier));
      // The database floor: an event costs three commits (claim, state update, mark applied), so
      // three single-row autocommit inserts per event, on the same pool and threads, bound what any
      // design with these guarantees can reach on this server.
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE commit_floor (id bigint PRIMARY KEY)");
      }
      AtomicLong ids = new AtomicLong();
      floorPerSecond = run(bodies, threads, i -> {
        try (Connection c = pool.getConnection();
            PreparedStatement ps = c.prepareStatement("INSERT INTO commit_floor VALUES (?)")) {
          for (int k = 0; k < 3; k++) {
            ps.setLong(1, ids.incrementAndGet());
            ps.executeUpdate();
          }
        }
      });
    }
    System.out.printf("billing-webhooks events=%d threads=%d postgres_events_per_s=%.0f commit_floor_events_per_s=%.0f"
        + " vs_floor=%.2fx in_memory_events_per_s=%.0f verify_only_per_s=%.0f%n", events, threads, postgresPerSecond,
        floorPerSecond, postgresPerSecond / floorPerSecond, memoryPerSecond, verifyPerSecond);
  }

  private interface Task {
    void run(int index) throws Exception;
  }

  private static Task handlerTask(List<byte[]> bodies, List<String> headers, BillingStateStore states,
      ProcessedEventStore processed, StripeSignatureVerifier verifier) {
    PlanCatalog catalog = PlanCatalog.builder().addDefaults().stripePrice(PlanCatalog.PRO, PRICE).build();
    Entitlements entitlements = Entitlements.builder().catalog(catalog).stateStore(states).build();
    WebhookHandler handler = WebhookHandler.builder().verifier(verifier).catalog(catalog).stateStore(states)
        .processedEvents(processed).entitlements(entitlements).build();
    return i -> {
      WebhookResponse r = handler.handle(bodies.get(i), headers.get(i));
      if (r.status() != 200) {
        throw new IllegalStateException("benchmark event " + i + ": " + r.status() + " " + r.message());
      }
    };
  }

  private static double run(List<byte[]> bodies, int threads, Task task) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < bodies.size()) {
          task.run(i);
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return bodies.size() / seconds;
  }

  private static String subscriptionEvent(String eventId, long created, String tenant, String customer,
      String subscription) {
    // The shape of a Stripe customer.subscription.updated event (API 2025-08-27.basil), trimmed.
    return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2025-08-27.basil\",\"created\":"
        + created + ",\"data\":{\"object\":{\"id\":\"" + subscription + "\",\"object\":\"subscription\","
        + "\"cancel_at_period_end\":false,\"created\":" + created + ",\"currency\":\"usd\",\"customer\":\""
        + customer + "\",\"items\":{\"object\":\"list\",\"data\":[{\"id\":\"si_" + subscription
        + "\",\"object\":\"subscription_item\",\"current_period_end\":" + (created + 2_592_000)
        + ",\"current_period_start\":" + created + ",\"price\":{\"id\":\"" + PRICE
        + "\",\"object\":\"price\",\"currency\":\"usd\",\"unit_amount\":4900},\"quantity\":1}],\"has_more\":false},"
        + "\"livemode\":false,\"metadata\":{\"tenant_id\":\"" + tenant + "\"},\"status\":\"active\","
        + "\"trial_end\":null}},\"livemode\":false,\"pending_webhooks\":1,\"request\":{\"id\":null,"
        + "\"idempotency_key\":null},\"type\":\"customer.subscription.updated\"}";
  }
}
