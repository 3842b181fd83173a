package io.offgridflow.billing.webhook;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records every callback; counts applications per event id. */
final class RecordingListener implements BillingListener {
  final Map<String, AtomicInteger> appliedPerEvent = new ConcurrentHashMap<>();
  final List<WebhookEvents.StateChanged> stateChanges = new CopyOnWriteArrayList<>();
  final List<WebhookEvents.TrialWillEnd> trialsEnding = new CopyOnWriteArrayList<>();
  final List<WebhookEvents.Invoice> invoices = new CopyOnWriteArrayList<>();
  final List<WebhookEvents.PaymentIntent> paymentIntents = new CopyOnWriteArrayList<>();
  final List<WebhookEvents.EntitlementsUpdated> entitlements = new CopyOnWriteArrayList<>();
  final List<WebhookEvents.Unhandled> unhandled = new CopyOnWriteArrayList<>();

  @Override
  public void onEventApplied(WebhookEvents.Applied event) {
    appliedPerEvent.computeIfAbsent(event.eventId(), k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public void onStateChanged(WebhookEvents.StateChanged event) {
    stateChanges.add(event);
  }

  @Override
  public void onTrialWillEnd(WebhookEvents.TrialWillEnd event) {
    trialsEnding.add(event);
  }

  @Override
  public void onInvoicePaid(WebhookEvents.Invoice event) {
    invoices.add(event);
  }

  @Override
  public void onPaymentFailed(WebhookEvents.Invoice event) {
    invoices.add(event);
  }

  @Override
  public void onPaymentActionRequired(WebhookEvents.Invoice event) {
    invoices.add(event);
  }

  @Override
  public void onInvoiceFinalized(WebhookEvents.Invoice event) {
    invoices.add(event);
  }

  @Override
  public void onPaymentIntentFailed(WebhookEvents.PaymentIntent event) {
    paymentIntents.add(event);
  }

  @Override
  public void onEntitlementsUpdated(WebhookEvents.EntitlementsUpdated event) {
    entitlements.add(event);
  }

  @Override
  public void onUnhandledEvent(WebhookEvents.Unhandled event) {
    unhandled.add(event);
  }
}
