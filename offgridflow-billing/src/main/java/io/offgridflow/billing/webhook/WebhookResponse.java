package io.offgridflow.billing.webhook;

import java.util.Locale;

/**
 * What to answer Stripe: an HTTP status and a short message for the response body. 2xx tells Stripe
 * the event is handled; 4xx other than 409 means "never resend" (a bad signature or payload);
 * 409 and 5xx make Stripe retry later.
 *
 * <pre>{@code
 * WebhookResponse r = handler.handle(body, header);
 * response.setStatus(r.status());
 * response.getWriter().write(r.message());
 * }</pre>
 *
 * @param status the HTTP status code
 * @param message a short explanation, safe to return (no secrets)
 * @param outcome what happened, as counted in telemetry
 */
public record WebhookResponse(int status, String message, Outcome outcome) {
  /** What the handler did with a delivery. */
  public enum Outcome {
    /** The event changed (or confirmed) tenant state. */
    APPLIED,
    /** An older event than the state already applied; skipped (or the live object re-fetched). */
    STALE,
    /** Already applied before: nothing done. */
    DUPLICATE,
    /** Another delivery of the same event is being applied right now: retry later (409). */
    IN_PROGRESS,
    /** A type this SDK does not apply; acknowledged and counted. */
    UNHANDLED_TYPE,
    /** No tenant could be found for the event's customer; acknowledged and counted. */
    NO_TENANT,
    /** The signature did not verify (400). */
    SIGNATURE_REJECTED,
    /** The body is not a Stripe event (400). */
    INVALID_PAYLOAD,
    /** Applying failed; the claim was released so Stripe's retry applies it (500). */
    FAILED;

    /** The name used as the telemetry {@code outcome} attribute. */
    public String attribute() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
