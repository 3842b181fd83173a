package io.offgridflow.billing.webhook;

import io.offgridflow.billing.BillingErrorCode;
import io.offgridflow.billing.BillingException;
import io.offgridflow.billing.Entitlements;
import io.offgridflow.billing.PlanCatalog;
import io.offgridflow.billing.gateway.BillingGateway;
import io.offgridflow.billing.internal.BillingTelemetry;
import io.offgridflow.billing.internal.EventApplier;
import io.offgridflow.billing.internal.StripeEvent;
import io.offgridflow.billing.spi.BillingStateStore;
import io.offgridflow.billing.spi.ProcessedEventStore;
import io.offgridflow.billing.spi.ProcessedEventStore.ClaimResult;
import io.offgridflow.billing.webhook.WebhookResponse.Outcome;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles Stripe webhook deliveries, independent of any web framework: pass the raw body and the
 * {@code Stripe-Signature} header, write back the returned status and message. In order it
 * <ol>
 *   <li>verifies the signature ({@link StripeSignatureVerifier}); a failure changes nothing and answers 400;</li>
 *   <li>claims the event id in the {@link ProcessedEventStore} (insert-first): a duplicate answers 200
 *       without doing anything, a delivery racing another of the same event answers 409 so Stripe retries;</li>
 *   <li>applies the event to the tenant's {@link io.offgridflow.billing.BillingState}, ignoring (or
 *       re-fetching, given a gateway) objects older than those already applied, and refreshes
 *       {@link Entitlements} so the change is effective at once;</li>
 *   <li>records the event as applied, then calls the {@link BillingListener}s.</li>
 * </ol>
 * If applying fails the claim is released and the answer is 500, so Stripe's retry applies it.
 * Unknown event types are acknowledged (200) and counted.
 *
 * <pre>{@code
 * WebhookHandler webhooks = WebhookHandler.builder()
 *     .verifier(StripeSignatureVerifier.builder().secret(secret).build())
 *     .catalog(catalog).stateStore(states).processedEvents(events)
 *     .entitlements(entitlements)
 *     .listener(myMailer)
 *     .build();
 * // in any HTTP server:
 * WebhookResponse r = webhooks.handle(bodyBytes, request.header("Stripe-Signature"));
 * }</pre>
 */
public final class WebhookHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);

  private final StripeSignatureVerifier verifier;
  private final ProcessedEventStore processed;
  private final EventApplier applier;
  private final List<BillingListener> listeners;
  private final Clock clock;
  private final Duration claimTimeout;
  private final BillingTelemetry telemetry;

  private WebhookHandler(Builder b, StripeSignatureVerifier verifier, ProcessedEventStore processed,
      EventApplier applier) {
    this.verifier = verifier;
    this.processed = processed;
    this.applier = applier;
    this.listeners = List.copyOf(b.listeners);
    this.clock = b.clock;
    this.claimTimeout = b.claimTimeout;
    this.telemetry = new BillingTelemetry(b.openTelemetry);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Handles a delivery whose body was read as bytes (preferred: exactly what Stripe signed). */
  public WebhookResponse handle(byte[] rawBody, @Nullable String signatureHeader) {
    SignatureCheck check = verifier.verify(rawBody, signatureHeader);
    if (check != SignatureCheck.VALID) {
      String reason = check.name().toLowerCase(Locale.ROOT);
      telemetry.signatureFailure(reason);
      telemetry.webhookEvent("unknown", Outcome.SIGNATURE_REJECTED.attribute());
      return new WebhookResponse(400, "Stripe-Signature rejected: " + reason, Outcome.SIGNATURE_REJECTED);
    }
    StripeEvent event;
    try {
      event = StripeEvent.parse(rawBody);
    } catch (BillingException e) {
      telemetry.webhookEvent("unknown", Outcome.INVALID_PAYLOAD.attribute());
      return new WebhookResponse(400, e.getMessage(), Outcome.INVALID_PAYLOAD);
    }
    Span span = telemetry.tracer().spanBuilder("offgridflow.billing.webhook " + event.type()).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      span.setAttribute(BillingTelemetry.EVENT_TYPE, event.type());
      span.setAttribute("stripe.event_id", event.id());
      WebhookResponse response = claimAndApply(event);
      span.setAttribute(BillingTelemetry.OUTCOME, response.outcome().attribute());
      if (response.status() >= 500) {
        span.setStatus(StatusCode.ERROR, response.message());
      }
      telemetry.webhookEvent(event.type(), response.outcome().attribute());
      return response;
    } finally {
      span.end();
    }
  }

  /** Handles a delivery whose body the host already holds as a string (re-encoded as UTF-8). */
  public WebhookResponse handle(String rawBody, @Nullable String signatureHeader) {
    return handle(rawBody.getBytes(StandardCharsets.UTF_8), signatureHeader);
  }

  private WebhookResponse claimAndApply(StripeEvent event) {
    ClaimResult claim;
    try {
      claim = processed.claim(event.id(), event.type(), clock.instant(), claimTimeout);
    } catch (BillingException e) {
      LOG.warn("webhook {} ({}): cannot claim: {}", event.id(), event.type(), e.getMessage());
      return new WebhookResponse(500, "cannot record event " + event.id() + "; retry", Outcome.FAILED);
    }
    switch (claim) {
      case ALREADY_APPLIED:
        return new WebhookResponse(200, "duplicate event " + event.id() + " ignored", Outcome.DUPLICATE);
      case IN_PROGRESS:
        return new WebhookResponse(409, "event " + event.id() + " is being applied by another delivery; retry later",
            Outcome.IN_PROGRESS);
      default:
        break;
    }
    EventApplier.Result result;
    try {
      result = applier.apply(event);
      processed.markApplied(event.id(), clock.instant());
    } catch (RuntimeException e) {
      release(event);
      if (e instanceof BillingException be && be.code() == BillingErrorCode.INVALID_WEBHOOK_PAYLOAD) {
        // Redelivering the same malformed object cannot succeed; tell Stripe to stop.
        return new WebhookResponse(400, be.getMessage(), Outcome.INVALID_PAYLOAD);
      }
      LOG.error("webhook {} ({}) failed and was released for Stripe's retry", event.id(), event.type(), e);
      return new WebhookResponse(500, "applying event " + event.id() + " failed; it will be retried",
          Outcome.FAILED);
    }
    if (result.tenantId() != null) {
      Span.current().setAttribute(BillingTelemetry.TENANT, result.tenantId());
    }
    notifyListeners(event, result.notifications());
    return new WebhookResponse(200, result.message(), result.outcome());
  }

  private void release(StripeEvent event) {
    try {
      processed.release(event.id());
    } catch (RuntimeException e) {
      // The claim times out instead, after which a redelivery takes it over.
      LOG.error("webhook {}: releasing the claim failed; it expires after {}", event.id(), claimTimeout, e);
    }
  }

  private void notifyListeners(StripeEvent event, List<Consumer<BillingListener>> calls) {
    for (BillingListener listener : listeners) {
      for (Consumer<BillingListener> call : calls) {
        try {
          call.accept(listener);
        } catch (RuntimeException e) {
          LOG.error("billing listener {} failed on event {} ({}); the event stays applied", listener, event.id(),
              event.type(), e);
        }
      }
    }
  }

  /** Configures a {@link WebhookHandler}; verifier, catalog and the two stores are required. */
  public static final class Builder {
    private @Nullable StripeSignatureVerifier verifier;
    private @Nullable PlanCatalog catalog;
    private @Nullable BillingStateStore stateStore;
    private @Nullable ProcessedEventStore processedEvents;
    private @Nullable BillingGateway gateway;
    private @Nullable Entitlements entitlements;
    private final List<BillingListener> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Duration claimTimeout = Duration.ofMinutes(5);
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();

    private Builder() {}

    public Builder verifier(StripeSignatureVerifier verifier) {
      this.verifier = verifier;
      return this;
    }

    public Builder catalog(PlanCatalog catalog) {
      this.catalog = catalog;
      return this;
    }

    public Builder stateStore(BillingStateStore stateStore) {
      this.stateStore = stateStore;
      return this;
    }

    public Builder processedEvents(ProcessedEventStore processedEvents) {
      this.processedEvents = processedEvents;
      return this;
    }

    /** Optional: used to re-fetch a subscription when its event arrives out of order. */
    public Builder gateway(BillingGateway gateway) {
      this.gateway = gateway;
      return this;
    }

    /** Optional: refreshed after every state change so that access follows at once. */
    public Builder entitlements(Entitlements entitlements) {
      this.entitlements = entitlements;
      return this;
    }

    public Builder listener(BillingListener listener) {
      listeners.add(listener);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long a claim may stay unfinished before a redelivery takes it over (default 5 minutes). */
    public Builder claimTimeout(Duration claimTimeout) {
      if (claimTimeout.isNegative() || claimTimeout.isZero()) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "claimTimeout " + claimTimeout
            + " must be positive");
      }
      this.claimTimeout = claimTimeout;
      return this;
    }

    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      return this;
    }

    public WebhookHandler build() {
      StripeSignatureVerifier v = required(verifier, "verifier(StripeSignatureVerifier)");
      PlanCatalog c = required(catalog, "catalog(PlanCatalog)");
      BillingStateStore s = required(stateStore, "stateStore(BillingStateStore)");
      ProcessedEventStore p = required(processedEvents, "processedEvents(ProcessedEventStore)");
      return new WebhookHandler(this, v, p, new EventApplier(c, s, gateway, entitlements, clock));
    }

    private static <T> T required(@Nullable T value, String call) {
      if (value == null) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "WebhookHandler needs " + call);
      }
      return value;
    }
  }
}
