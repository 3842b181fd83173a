package io.offgridflow.billing.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.offgridflow.billing.SubscriptionStatus;
import io.offgridflow.billing.gateway.SubscriptionView;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Reads Stripe object JSON from webhook payloads into this SDK's views. */
final class StripeJson {
  private StripeJson() {}

  /**
   * A subscription object. The current period is read from the first item, where Stripe API
   * versions since 2025-03-31 put it, and from the subscription itself for older versions.
   */
  static SubscriptionView subscription(StripeEvent e) {
    JsonObject item = firstItem(e.object());
    Optional<String> priceId = Optional.empty();
    Optional<Instant> periodStart = e.instant("current_period_start");
    Optional<Instant> periodEnd = e.instant("current_period_end");
    if (item != null) {
      JsonObject price = StripeEvent.object(item, "price");
      JsonObject plan = StripeEvent.object(item, "plan");
      priceId = Optional.ofNullable(price != null ? StripeEvent.string(price, "id")
          : plan != null ? StripeEvent.string(plan, "id") : null);
      periodStart = periodStart.or(() -> epoch(item, "current_period_start"));
      periodEnd = periodEnd.or(() -> epoch(item, "current_period_end"));
    }
    return new SubscriptionView(e.require("id"),
        e.idOf("customer").orElseThrow(() -> StripeEvent.invalid("event " + e.id() + " (" + e.type()
            + "): field 'data.object.customer' is missing")),
        SubscriptionStatus.fromStripe(e.require("status")), priceId, e.instant("trial_end"), periodStart, periodEnd,
        e.bool("cancel_at_period_end"), e.metadata("tenant_id"));
  }

  private static @Nullable JsonObject firstItem(JsonObject subscription) {
    JsonObject items = StripeEvent.object(subscription, "items");
    if (items == null) {
      return null;
    }
    JsonElement data = items.get("data");
    if (data == null || !data.isJsonArray()) {
      return null;
    }
    JsonArray array = data.getAsJsonArray();
    return array.isEmpty() || !array.get(0).isJsonObject() ? null : array.get(0).getAsJsonObject();
  }

  private static Optional<Instant> epoch(JsonObject o, String field) {
    JsonElement e = o.get(field);
    return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(Instant.ofEpochSecond(e.getAsLong()));
  }
}
