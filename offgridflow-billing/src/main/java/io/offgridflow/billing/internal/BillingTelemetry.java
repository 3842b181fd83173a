package io.offgridflow.billing.internal;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The billing module's instruments, all named {@code offgridflow.billing.*}. Attribute sets are
 * cached per value so that recording on hot paths (entitlement denials) does not allocate.
 */
public final class BillingTelemetry {
  public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("stripe.event_type");
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  public static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
  public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("operation");
  public static final AttributeKey<String> FEATURE = AttributeKey.stringKey("feature");
  public static final AttributeKey<String> TENANT = AttributeKey.stringKey("tenant.id");

  private final LongCounter webhookEvents;
  private final LongCounter signatureFailures;
  private final LongCounter stripeCalls;
  private final DoubleHistogram stripeDuration;
  private final LongCounter meterEventsSent;
  private final LongCounter meterEventsFailed;
  private final LongCounter entitlementDenials;
  private final LongCounter limitDenials;
  private final Tracer tracer;
  private final ConcurrentHashMap<String, Attributes> featureAttributes = new ConcurrentHashMap<>();

  public BillingTelemetry(OpenTelemetry openTelemetry) {
    Meter meter = openTelemetry.getMeter("io.offgridflow.billing");
    webhookEvents = meter.counterBuilder("offgridflow.billing.webhook.events").setUnit("{event}")
        .setDescription("Webhook deliveries by Stripe event type and outcome").build();
    signatureFailures = meter.counterBuilder("offgridflow.billing.webhook.signature_failures").setUnit("{request}")
        .setDescription("Webhook requests refused because the Stripe-Signature did not verify").build();
    stripeCalls = meter.counterBuilder("offgridflow.billing.stripe.calls").setUnit("{call}")
        .setDescription("Stripe API calls by operation and outcome").build();
    stripeDuration = meter.histogramBuilder("offgridflow.billing.stripe.duration").setUnit("s")
        .setDescription("Stripe API call latency, including the SDK's network retries").build();
    meterEventsSent = meter.counterBuilder("offgridflow.billing.meter_events.sent").setUnit("{event}")
        .setDescription("Usage records accepted by Stripe as meter events").build();
    meterEventsFailed = meter.counterBuilder("offgridflow.billing.meter_events.failed").setUnit("{event}")
        .setDescription("Usage records Stripe did not accept (retryable: left pending; permanent: rejected)").build();
    entitlementDenials = meter.counterBuilder("offgridflow.billing.entitlement.denials").setUnit("{check}")
        .setDescription("Entitlement checks answered 'not entitled', by feature").build();
    limitDenials = meter.counterBuilder("offgridflow.billing.limit.denials").setUnit("{request}")
        .setDescription("Limit consumption refused because it would exceed the plan's allowance").build();
    tracer = openTelemetry.getTracer("io.offgridflow.billing");
  }

  public Tracer tracer() {
    return tracer;
  }

  public void webhookEvent(String eventType, String outcome) {
    webhookEvents.add(1, Attributes.of(EVENT_TYPE, eventType, OUTCOME, outcome));
  }

  public void signatureFailure(String reason) {
    signatureFailures.add(1, Attributes.of(REASON, reason));
  }

  public void stripeCall(String operation, String outcome, double seconds) {
    Attributes attributes = Attributes.of(OPERATION, operation, OUTCOME, outcome);
    stripeCalls.add(1, attributes);
    stripeDuration.record(seconds, attributes);
  }

  public void meterEventsSent(long count) {
    meterEventsSent.add(count);
  }

  public void meterEventFailed(String reason) {
    meterEventsFailed.add(1, Attributes.of(REASON, reason));
  }

  public void entitlementDenied(String featureKey) {
    // get() first: computeIfAbsent may lock the bin even when the key is present.
    Attributes attributes = featureAttributes.get(featureKey);
    if (attributes == null) {
      attributes = featureAttributes.computeIfAbsent(featureKey, k -> Attributes.of(FEATURE, k));
    }
    entitlementDenials.add(1, attributes);
  }

  public void limitDenied(String limitKey) {
    limitDenials.add(1, Attributes.of(AttributeKey.stringKey("limit"), limitKey));
  }
}
