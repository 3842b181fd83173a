package io.offgridflow.billing.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Stripe may deliver events in any order. For any history of customer, subscription, invoice
 * (a failure streak, optionally settled by a later payment), checkout and entitlement events over
 * three tenants, every shuffled delivery order ends in exactly the state (versions included) that
 * delivery in creation order produces.
 */
class ShuffledDeliveryProperties {
  private static final String[] STATUSES = {"trialing", "active", "past_due", "unpaid", "paused", "canceled"};
  private static final String[] PRICES = {WebhookHarness.PRO_PRICE, WebhookHarness.ENTERPRISE_PRICE};
  private static final String[] FEATURES = {"beta_dashboards", "sso", "extra_exports"};
  private static final int TENANTS = 3;

  /** One event of a generated history: its creation time orders it. */
  record Delivery(long created, String json) {}

  @Property(tries = 150)
  void anyDeliveryOrderEndsInTheSameState(@ForAll long historySeed, @ForAll Random shuffle) {
    List<Delivery> history = history(new Random(historySeed));
    List<Delivery> inOrder = new ArrayList<>(history);
    inOrder.sort(Comparator.comparingLong(Delivery::created));
    List<Delivery> shuffled = new ArrayList<>(history);
    Collections.shuffle(shuffled, shuffle);

    WebhookHarness ordered = linkedHarness();
    WebhookHarness arbitrary = linkedHarness();
    inOrder.forEach(d -> assertThat(ordered.deliver(d.json()).status()).isEqualTo(200));
    shuffled.forEach(d -> assertThat(arbitrary.deliver(d.json()).status()).isEqualTo(200));

    for (int t = 0; t < TENANTS; t++) {
      String tenant = tenant(t);
      assertThat(arbitrary.states.find(tenant)).as("state of %s", tenant).isEqualTo(ordered.states.find(tenant));
      assertThat(arbitrary.entitlements.access(tenant)).isEqualTo(ordered.entitlements.access(tenant));
    }
  }

  /** Tenants whose Stripe customers were created through the gateway, so the state already links them. */
  private static WebhookHarness linkedHarness() {
    WebhookHarness h = new WebhookHarness();
    for (int t = 0; t < TENANTS; t++) {
      String customer = customer(t);
      h.states.update(tenant(t), "free", s -> s.toBuilder().customerId(customer).build());
    }
    return h;
  }

  private static String tenant(int t) {
    return "tenant-" + t;
  }

  private static String customer(int t) {
    return "cus_shuffle" + t;
  }

  static List<Delivery> history(Random r) {
    List<Delivery> events = new ArrayList<>();
    long base = WebhookHarness.NOW.getEpochSecond() - 100_000;
    for (int t = 0; t < TENANTS; t++) {
      // Distinct creation times per tenant and object kind, so "newer" is always defined.
      List<Long> times = new ArrayList<>();
      for (long s = 0; s < 40; s++) {
        times.add(base + t * 1_000 + s * 10);
      }
      Collections.shuffle(times, r);
      int next = 0;
      String tenant = tenant(t);
      String customer = customer(t);
      String subscription = "sub_shuffle" + t;
      for (int i = 0, n = 1 + r.nextInt(5); i < n; i++) {
        long c = times.get(next++);
        events.add(new Delivery(c, StripeFixtures.subscription("evt_s" + t + "_" + i,
            i == 0 ? "customer.subscription.created" : "customer.subscription.updated", c, subscription, customer,
            tenant, STATUSES[r.nextInt(STATUSES.length)], PRICES[r.nextInt(PRICES.length)],
            r.nextBoolean() ? c + 14 * 86_400 : null, r.nextBoolean())));
      }
      long lastFailure = 0;
      for (int i = 0, n = r.nextInt(4); i < n; i++) {
        long c = times.get(next++);
        lastFailure = Math.max(lastFailure, c);
        events.add(new Delivery(c, StripeFixtures.invoice("evt_f" + t + "_" + i, "invoice.payment_failed", c,
            "in_" + t, customer, tenant)));
      }
      if (r.nextBoolean()) {
        long c = Math.max(lastFailure, base + t * 1_000 + 400) + 1;
        events.add(new Delivery(c, StripeFixtures.invoice("evt_p" + t, "invoice.paid", c, "in_" + t, customer,
            tenant)));
      }
      for (int i = 0, n = r.nextInt(4); i < n; i++) {
        long c = times.get(next++);
        List<String> keys = new ArrayList<>();
        for (String f : FEATURES) {
          if (r.nextBoolean()) {
            keys.add(f);
          }
        }
        events.add(new Delivery(c, StripeFixtures.entitlementSummary("evt_e" + t + "_" + i, c, customer,
            keys.toArray(String[]::new))));
      }
      for (int i = 0, n = r.nextInt(3); i < n; i++) {
        long c = times.get(next++);
        events.add(new Delivery(c, StripeFixtures.customer("evt_c" + t + "_" + i, "customer.updated", c, customer,
            tenant)));
      }
      if (r.nextBoolean()) {
        long c = times.get(next++);
        events.add(new Delivery(c, StripeFixtures.checkoutCompleted("evt_cs" + t, c, tenant, customer,
            subscription)));
      }
    }
    return events;
  }
}
