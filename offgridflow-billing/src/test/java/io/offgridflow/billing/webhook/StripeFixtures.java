package io.offgridflow.billing.webhook;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds webhook payloads from the Stripe-shaped event fixtures in {@code src/test/resources/stripe},
 * changing only the fields a test cares about.
 */
public final class StripeFixtures {
  private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

  private StripeFixtures() {}

  public static JsonObject template(String name) {
    String text = TEMPLATES.computeIfAbsent(name, n -> {
      try (InputStream in = StripeFixtures.class.getResourceAsStream("/stripe/" + n + ".json")) {
        if (in == null) {
          throw new IllegalArgumentException("no fixture /stripe/" + n + ".json");
        }
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return JsonParser.parseString(text).getAsJsonObject();
  }

  private static JsonObject event(String template, String eventId, String type, long created) {
    JsonObject e = template(template);
    e.addProperty("id", eventId);
    e.addProperty("type", type);
    e.addProperty("created", created);
    return e;
  }

  private static JsonObject object(JsonObject event) {
    return event.getAsJsonObject("data").getAsJsonObject("object");
  }

  /** A subscription event for a tenant (metadata tenant_id), one item at {@code priceId}. */
  public static String subscription(String eventId, String type, long created, String subscriptionId,
      String customerId, String tenantId, String status, String priceId, Long trialEnd, boolean cancelAtPeriodEnd) {
    JsonObject e = event("event_subscription", eventId, type, created);
    JsonObject s = object(e);
    s.addProperty("id", subscriptionId);
    s.addProperty("customer", customerId);
    s.addProperty("status", status);
    s.addProperty("cancel_at_period_end", cancelAtPeriodEnd);
    s.addProperty("trial_end", trialEnd);
    s.getAsJsonObject("metadata").addProperty("tenant_id", tenantId);
    JsonObject item = s.getAsJsonObject("items").getAsJsonArray("data").get(0).getAsJsonObject();
    item.getAsJsonObject("price").addProperty("id", priceId);
    item.addProperty("current_period_start", created);
    item.addProperty("current_period_end", created + 30L * 86_400);
    return e.toString();
  }

  public static String customer(String eventId, String type, long created, String customerId, String tenantId) {
    JsonObject e = event("event_customer", eventId, type, created);
    JsonObject c = object(e);
    c.addProperty("id", customerId);
    c.getAsJsonObject("metadata").addProperty("tenant_id", tenantId);
    return e.toString();
  }

  public static String invoice(String eventId, String type, long created, String invoiceId, String customerId,
      String tenantId) {
    JsonObject e = event("event_invoice", eventId, type, created);
    JsonObject i = object(e);
    i.addProperty("id", invoiceId);
    i.addProperty("customer", customerId);
    i.getAsJsonObject("parent").getAsJsonObject("subscription_details").getAsJsonObject("metadata")
        .addProperty("tenant_id", tenantId);
    return e.toString();
  }

  public static String entitlementSummary(String eventId, long created, String customerId, String... lookupKeys) {
    JsonObject e = event("event_entitlement_summary", eventId, "entitlements.active_entitlement_summary.updated",
        created);
    JsonObject summary = object(e);
    summary.addProperty("customer", customerId);
    JsonArray data = new JsonArray();
    for (String key : lookupKeys) {
      JsonObject ent = new JsonObject();
      ent.addProperty("object", "entitlements.active_entitlement");
      ent.addProperty("lookup_key", key);
      data.add(ent);
    }
    summary.getAsJsonObject("entitlements").add("data", data);
    return e.toString();
  }

  public static String checkoutCompleted(String eventId, long created, String tenantId, String customerId,
      String subscriptionId) {
    JsonObject e = event("event_checkout_session", eventId, "checkout.session.completed", created);
    JsonObject s = object(e);
    s.addProperty("client_reference_id", tenantId);
    s.addProperty("customer", customerId);
    s.addProperty("subscription", subscriptionId);
    return e.toString();
  }

  public static String paymentIntentFailed(String eventId, long created, String customerId) {
    JsonObject e = event("event_payment_intent", eventId, "payment_intent.payment_failed", created);
    object(e).addProperty("customer", customerId);
    return e.toString();
  }

  /** An event of a type the SDK does not apply. */
  public static String unknown(String eventId, String type, long created) {
    JsonObject e = event("event_customer", eventId, type, created);
    return e.toString();
  }
}
