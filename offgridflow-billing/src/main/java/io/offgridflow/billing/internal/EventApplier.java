package io.offgridflow.billing.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.offgridflow.billing.BillingState;
import io.offgridflow.billing.Entitlements;
import io.offgridflow.billing.Plan;
import io.offgridflow.billing.PlanCatalog;
import io.offgridflow.billing.SubscriptionStatus;
import io.offgridflow.billing.gateway.BillingGateway;
import io.offgridflow.billing.gateway.SubscriptionView;
import io.offgridflow.billing.spi.BillingStateStore;
import io.offgridflow.billing.spi.BillingStateStore.StateChange;
import io.offgridflow.billing.webhook.BillingListener;
import io.offgridflow.billing.webhook.WebhookEvents;
import io.offgridflow.billing.webhook.WebhookResponse.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a verified, claimed Stripe event into a tenant state change. Ordering: each kind of object
 * (customer, subscription, invoice payments, entitlements) carries the {@code created} time of the
 * newest event applied; an event no newer than that is stale. A stale or same-second subscription
 * event is resolved by re-fetching the live subscription through the gateway when one is configured
 * (the live object is the truth, stamped with the fetch time); without a gateway a strictly older
 * event is skipped and a same-second one applied.
 */
public final class EventApplier {
  private static final Logger LOG = LoggerFactory.getLogger(EventApplier.class);

  private final PlanCatalog catalog;
  private final BillingStateStore store;
  private final @Nullable BillingGateway gateway;
  private final @Nullable Entitlements entitlements;
  private final Clock clock;

  public EventApplier(PlanCatalog catalog, BillingStateStore store, @Nullable BillingGateway gateway,
      @Nullable Entitlements entitlements, Clock clock) {
    this.catalog = catalog;
    this.store = store;
    this.gateway = gateway;
    this.entitlements = entitlements;
    this.clock = clock;
  }

  /**
   * The result of applying one event.
   *
   * @param outcome what happened
   * @param tenantId the tenant, when one was found
   * @param message a short explanation for the HTTP response
   * @param notifications listener calls to make once the event is recorded as applied
   */
  public record Result(Outcome outcome, @Nullable String tenantId, String message,
      List<Consumer<BillingListener>> notifications) {}

  public Result apply(StripeEvent e) {
    return switch (e.type()) {
      case "customer.created", "customer.updated" -> customer(e, false);
      case "customer.deleted" -> customer(e, true);
      case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
          "customer.subscription.paused", "customer.subscription.resumed",
          "customer.subscription.trial_will_end" -> subscription(e);
      case "invoice.paid", "invoice.payment_failed", "invoice.payment_action_required", "invoice.finalized" ->
          invoice(e);
      case "checkout.session.completed" -> checkout(e);
      case "payment_intent.succeeded", "payment_intent.payment_failed" -> paymentIntent(e);
      case "entitlements.active_entitlement_summary.updated" -> entitlementSummary(e);
      default -> new Result(Outcome.UNHANDLED_TYPE, null, "event type " + e.type() + " acknowledged, not handled",
          List.of(l -> l.onUnhandledEvent(new WebhookEvents.Unhandled(e.id(), e.type()))));
    };
  }

  private Result customer(StripeEvent e, boolean deleted) {
    String customerId = e.require("id");
    Optional<String> tenant = e.metadata("tenant_id").or(() -> tenantOf(customerId));
    if (tenant.isEmpty()) {
      return noTenant(e, customerId);
    }
    long v = e.created();
    StateChange change = update(tenant.get(), s -> {
      if (v < s.customerVersion()) {
        return s;
      }
      BillingState.Builder b = s.toBuilder().customerVersion(v);
      if (deleted) {
        // Stripe cancels a deleted customer's subscriptions; later subscription events are older.
        return b.customerId(null).subscriptionId(null).status(SubscriptionStatus.NONE).planId(catalog.fallback().id())
            .trialEnd(null).currentPeriod(null, null).cancelAtPeriodEnd(false).paymentFailedAt(null)
            .paymentActionRequired(false).stripeEntitlements(Set.of())
            .subscriptionVersion(Math.max(s.subscriptionVersion(), v)).invoiceVersion(Math.max(s.invoiceVersion(), v))
            .entitlementsVersion(Math.max(s.entitlementsVersion(), v)).build();
      }
      return b.customerId(customerId).build();
    });
    return stateResult(e, change, v < change.before().map(BillingState::customerVersion).orElse(0L), List.of());
  }

  private Result subscription(StripeEvent e) {
    SubscriptionView view = StripeJson.subscription(e);
    Optional<String> tenant = view.tenantId().or(() -> tenantOf(view.customerId()));
    if (tenant.isEmpty()) {
      return noTenant(e, view.customerId());
    }
    long v = e.created();
    StateChange change = update(tenant.get(), s -> v > s.subscriptionVersion() || (v == s.subscriptionVersion()
        && gateway == null) ? withSubscription(s, view, v) : s);
    long before = change.before().map(BillingState::subscriptionVersion).orElse(0L);
    boolean stale = v < before || (v == before && gateway != null && change.before().isPresent());
    if (stale && gateway != null) {
      SubscriptionView live = gateway.retrieveSubscription(view.id());
      long fetchedAt = clock.instant().getEpochSecond();
      change = update(tenant.get(), s -> withSubscription(s, live, Math.max(s.subscriptionVersion(), fetchedAt)));
    }
    List<Consumer<BillingListener>> extra = new ArrayList<>();
    if (e.type().equals("customer.subscription.trial_will_end") && view.trialEnd().isPresent()) {
      WebhookEvents.TrialWillEnd t = new WebhookEvents.TrialWillEnd(e.id(), tenant.get(), view.id(),
          view.trialEnd().get());
      extra.add(l -> l.onTrialWillEnd(t));
    }
    return stateResult(e, change, stale, extra);
  }

  private BillingState withSubscription(BillingState s, SubscriptionView v, long version) {
    String planId = v.priceId().flatMap(catalog::byStripePrice).map(Plan::id).orElseGet(() -> {
      LOG.error("subscription {} of tenant '{}' uses price {}, which no catalog plan carries; plan stays '{}'."
          + " Attach the price with PlanCatalog.Builder.stripePrice(planId, priceId)", v.id(), s.tenantId(),
          v.priceId().orElse("(none)"), s.planId());
      return s.planId();
    });
    return s.toBuilder().customerId(v.customerId()).subscriptionId(v.id()).status(v.status()).planId(planId)
        .trialEnd(v.trialEnd().orElse(null))
        .currentPeriod(v.currentPeriodStart().orElse(null), v.currentPeriodEnd().orElse(null))
        .cancelAtPeriodEnd(v.cancelAtPeriodEnd()).subscriptionVersion(version).build();
  }

  private Result invoice(StripeEvent e) {
    String customerId = e.idOf("customer").orElseThrow(() -> StripeEvent.invalid("event " + e.id() + " ("
        + e.type() + "): field 'data.object.customer' is missing"));
    Optional<String> tenant = subscriptionMetadataTenant(e).or(() -> tenantOf(customerId));
    if (tenant.isEmpty()) {
      return noTenant(e, customerId);
    }
    long v = e.created();
    Instant at = e.createdAt();
    UnaryOperator<BillingState> change = switch (e.type()) {
      // invoiceVersion is the created time of the newest paid invoice event: failures before it are
      // settled, so any arrival order of one failure streak and its payment ends in the same state.
      case "invoice.paid" -> s -> v <= s.invoiceVersion() ? s : s.toBuilder().invoiceVersion(v)
          .paymentFailedAt(s.paymentFailedAt().filter(f -> f.isAfter(at)).orElse(null))
          .paymentActionRequired(false).build();
      case "invoice.payment_failed" -> s -> v <= s.invoiceVersion() ? s : s.toBuilder()
          .paymentFailedAt(s.paymentFailedAt().filter(f -> f.isBefore(at)).orElse(at)).build();
      case "invoice.payment_action_required" -> s -> v <= s.invoiceVersion() ? s
          : s.toBuilder().paymentActionRequired(true).build();
      default -> s -> s; // invoice.finalized: nothing to store, listeners only
    };
    StateChange result = update(tenant.get(), change);
    boolean stale = !e.type().equals("invoice.finalized") && v <= result.before().map(BillingState::invoiceVersion)
        .orElse(0L);
    WebhookEvents.Invoice payload = new WebhookEvents.Invoice(e.id(), e.type(), tenant.get(), e.require("id"),
        e.longOr("amount_due", 0), e.optional("currency").orElse(""), e.longOr("attempt_count", 0),
        e.optional("hosted_invoice_url"), e.instant("next_payment_attempt"));
    Consumer<BillingListener> call = switch (e.type()) {
      case "invoice.paid" -> l -> l.onInvoicePaid(payload);
      case "invoice.payment_failed" -> l -> l.onPaymentFailed(payload);
      case "invoice.payment_action_required" -> l -> l.onPaymentActionRequired(payload);
      default -> l -> l.onInvoiceFinalized(payload);
    };
    return stateResult(e, result, stale, List.of(call));
  }

  private Result checkout(StripeEvent e) {
    Optional<String> tenant = e.optional("client_reference_id").or(() -> e.metadata("tenant_id"));
    Optional<String> customerId = e.idOf("customer");
    if (tenant.isEmpty() || customerId.isEmpty()) {
      return noTenant(e, customerId.orElse("(none)"));
    }
    Optional<String> subscriptionId = e.idOf("subscription");
    // Links the tenant to what Checkout created; status and plan come from the subscription events.
    StateChange change = update(tenant.get(), s -> s.toBuilder().customerId(customerId.get())
        .subscriptionId(s.subscriptionId().or(() -> subscriptionId).orElse(null)).build());
    return stateResult(e, change, false, List.of());
  }

  private Result paymentIntent(StripeEvent e) {
    Optional<String> tenant = e.metadata("tenant_id").or(() -> e.idOf("customer").flatMap(this::tenantOf));
    JsonObject error = StripeEvent.object(e.object(), "last_payment_error");
    WebhookEvents.PaymentIntent payload = new WebhookEvents.PaymentIntent(e.id(), e.type(), tenant, e.require("id"),
        e.longOr("amount", 0), e.optional("currency").orElse(""),
        Optional.ofNullable(error == null ? null : StripeEvent.string(error, "message")));
    Consumer<BillingListener> call = e.type().equals("payment_intent.succeeded")
        ? l -> l.onPaymentIntentSucceeded(payload) : l -> l.onPaymentIntentFailed(payload);
    List<Consumer<BillingListener>> calls = new ArrayList<>();
    tenant.ifPresent(t -> calls.add(l -> l.onEventApplied(new WebhookEvents.Applied(e.id(), e.type(), t,
        e.createdAt(), Outcome.APPLIED))));
    calls.add(call);
    // One-off payments change no subscription state: subscription payments arrive as invoice events.
    return new Result(Outcome.APPLIED, tenant.orElse(null), "payment intent event delivered to listeners", calls);
  }

  private Result entitlementSummary(StripeEvent e) {
    String customerId = e.idOf("customer").orElseThrow(() -> StripeEvent.invalid("event " + e.id()
        + ": field 'data.object.customer' is missing"));
    Optional<String> tenant = tenantOf(customerId);
    if (tenant.isEmpty()) {
      return noTenant(e, customerId);
    }
    Set<String> keys = new HashSet<>();
    JsonObject list = StripeEvent.object(e.object(), "entitlements");
    if (list != null && list.has("data") && list.get("data").isJsonArray()) {
      for (JsonElement item : list.getAsJsonArray("data")) {
        if (item.isJsonObject()) {
          String key = StripeEvent.string(item.getAsJsonObject(), "lookup_key");
          if (key != null) {
            keys.add(key);
          }
        }
      }
    }
    long v = e.created();
    StateChange change = update(tenant.get(), s -> v <= s.entitlementsVersion() && s.entitlementsVersion() != 0 ? s
        : s.toBuilder().stripeEntitlements(keys).entitlementsVersion(v).build());
    boolean stale = change.before().map(b -> v <= b.entitlementsVersion() && b.entitlementsVersion() != 0)
        .orElse(false);
    WebhookEvents.EntitlementsUpdated payload = new WebhookEvents.EntitlementsUpdated(e.id(), tenant.get(), keys);
    return stateResult(e, change, stale, stale ? List.of() : List.of(l -> l.onEntitlementsUpdated(payload)));
  }

  private StateChange update(String tenantId, UnaryOperator<BillingState> change) {
    StateChange result = store.update(tenantId, catalog.fallback().id(), change);
    if (entitlements != null && result.changed()) {
      entitlements.refresh(result.after());
    }
    return result;
  }

  private Result stateResult(StripeEvent e, StateChange change, boolean stale,
      List<Consumer<BillingListener>> extra) {
    Outcome outcome = stale ? Outcome.STALE : Outcome.APPLIED;
    String tenant = change.after().tenantId();
    List<Consumer<BillingListener>> calls = new ArrayList<>();
    WebhookEvents.Applied applied = new WebhookEvents.Applied(e.id(), e.type(), tenant, e.createdAt(), outcome);
    calls.add(l -> l.onEventApplied(applied));
    if (change.changed()) {
      WebhookEvents.StateChanged changed = new WebhookEvents.StateChanged(e.id(), e.type(), change.before(),
          change.after());
      calls.add(l -> l.onStateChanged(changed));
    }
    calls.addAll(extra);
    String message = stale ? "stale event for tenant '" + tenant + "': newer state already applied"
        + (gateway != null && e.type().startsWith("customer.subscription.") ? ", live subscription re-fetched" : "")
        : "applied to tenant '" + tenant + "'";
    return new Result(outcome, tenant, message, calls);
  }

  private Result noTenant(StripeEvent e, String customerId) {
    LOG.warn("webhook {} ({}): no tenant for customer {}; set metadata tenant_id on the customer or create it"
        + " through BillingGateway.createCustomer", e.id(), e.type(), customerId);
    return new Result(Outcome.NO_TENANT, null, "no tenant for customer " + customerId + "; acknowledged", List.of());
  }

  private Optional<String> tenantOf(String customerId) {
    Optional<String> local = store.findByCustomerId(customerId).map(BillingState::tenantId);
    if (local.isPresent() || gateway == null) {
      return local;
    }
    return gateway.customerTenant(customerId);
  }

  /** Invoices carry the subscription's metadata: under {@code parent} since API 2025-03-31, top-level before. */
  private static Optional<String> subscriptionMetadataTenant(StripeEvent e) {
    JsonObject parent = StripeEvent.object(e.object(), "parent");
    JsonObject details = parent != null ? StripeEvent.object(parent, "subscription_details")
        : StripeEvent.object(e.object(), "subscription_details");
    JsonObject metadata = details == null ? null : StripeEvent.object(details, "metadata");
    return Optional.ofNullable(metadata == null ? null : StripeEvent.string(metadata, "tenant_id"));
  }
}
