package io.offgridflow.billing.gateway;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionCreateParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import io.offgridflow.billing.BillingErrorCode;
import io.offgridflow.billing.BillingException;
import io.offgridflow.billing.CardDeclinedException;
import io.offgridflow.billing.GatewayException;
import io.offgridflow.billing.SubscriptionStatus;
import io.offgridflow.billing.UsageRecord;
import io.offgridflow.billing.internal.BillingTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link BillingGateway} on stripe-java's {@link StripeClient}, configured per instance (never
 * stripe-java's static {@code Stripe.apiKey}), with network retries switched on (stripe-java's
 * default is none) and the caller's idempotency key on every mutating request, which stripe-java
 * reuses across its own retries. Stripe's checked exceptions become {@link GatewayException}s;
 * no Stripe type appears in this class's API.
 *
 * <pre>{@code
 * BillingGateway stripe = StripeBillingGateway.builder()
 *     .apiKey(System.getenv("STRIPE_SECRET_KEY"))
 *     .maxNetworkRetries(3)
 *     .openTelemetry(otel)
 *     .build();
 * }</pre>
 */
public final class StripeBillingGateway implements BillingGateway {
  private static final String TENANT_METADATA = "tenant_id";

  private final StripeClient client;
  private final BillingTelemetry telemetry;
  private final int maxNetworkRetries;

  private StripeBillingGateway(StripeClient client, BillingTelemetry telemetry, int maxNetworkRetries) {
    this.client = client;
    this.telemetry = telemetry;
    this.maxNetworkRetries = maxNetworkRetries;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String createCustomer(CustomerRequest request) {
    CustomerCreateParams.Builder params = CustomerCreateParams.builder()
        .putMetadata(TENANT_METADATA, request.tenantId());
    request.email().ifPresent(params::setEmail);
    request.name().ifPresent(params::setName);
    return call("customers.create", () -> client.v1().customers()
        .create(params.build(), idempotent(request.idempotencyKey())).getId());
  }

  @Override
  public Optional<String> customerTenant(String customerId) {
    return call("customers.retrieve", () -> {
      Customer customer = client.v1().customers().retrieve(customerId);
      return Optional.ofNullable(customer.getMetadata()).map(m -> m.get(TENANT_METADATA));
    });
  }

  @Override
  public SubscriptionView createSubscription(SubscriptionRequest request) {
    SubscriptionCreateParams.Builder params = SubscriptionCreateParams.builder()
        .setCustomer(request.customerId())
        .addItem(SubscriptionCreateParams.Item.builder().setPrice(request.priceId()).build())
        .putMetadata(TENANT_METADATA, request.tenantId());
    long trialDays = trialDays(request.trial());
    if (trialDays > 0) {
      params.setTrialPeriodDays(trialDays);
    }
    return call("subscriptions.create", () -> view(client.v1().subscriptions()
        .create(params.build(), idempotent(request.idempotencyKey()))));
  }

  @Override
  public SubscriptionView retrieveSubscription(String subscriptionId) {
    return call("subscriptions.retrieve", () -> view(client.v1().subscriptions().retrieve(subscriptionId)));
  }

  @Override
  public SubscriptionView changePlan(String subscriptionId, String newPriceId, Proration proration,
      String idempotencyKey) {
    return call("subscriptions.change_plan", () -> {
      Subscription current = client.v1().subscriptions().retrieve(subscriptionId);
      List<SubscriptionItem> items = current.getItems() == null ? List.of() : current.getItems().getData();
      if (items.size() != 1) {
        throw new BillingException(BillingErrorCode.GATEWAY_INVALID_REQUEST, "subscription " + subscriptionId
            + " has " + items.size() + " items; changePlan moves a single-item subscription to another price");
      }
      SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
          .addItem(SubscriptionUpdateParams.Item.builder().setId(items.get(0).getId()).setPrice(newPriceId).build())
          .setProrationBehavior(switch (proration) {
            case CREATE_PRORATIONS -> SubscriptionUpdateParams.ProrationBehavior.CREATE_PRORATIONS;
            case ALWAYS_INVOICE -> SubscriptionUpdateParams.ProrationBehavior.ALWAYS_INVOICE;
            case NONE -> SubscriptionUpdateParams.ProrationBehavior.NONE;
          })
          .build();
      return view(client.v1().subscriptions().update(subscriptionId, params, idempotent(idempotencyKey)));
    });
  }

  @Override
  public SubscriptionView cancelSubscription(String subscriptionId, CancelMode mode, String idempotencyKey) {
    return call("subscriptions.cancel", () -> view(mode == CancelMode.NOW
        ? client.v1().subscriptions().cancel(subscriptionId, SubscriptionCancelParams.builder().build(),
            idempotent(idempotencyKey))
        : client.v1().subscriptions().update(subscriptionId,
            SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build(), idempotent(idempotencyKey))));
  }

  @Override
  public URI checkoutSession(CheckoutRequest request) {
    com.stripe.param.checkout.SessionCreateParams.SubscriptionData.Builder subscription =
        com.stripe.param.checkout.SessionCreateParams.SubscriptionData.builder()
            .putMetadata(TENANT_METADATA, request.tenantId());
    long trialDays = trialDays(request.trial());
    if (trialDays > 0) {
      subscription.setTrialPeriodDays(trialDays);
    }
    com.stripe.param.checkout.SessionCreateParams params = com.stripe.param.checkout.SessionCreateParams.builder()
        .setMode(com.stripe.param.checkout.SessionCreateParams.Mode.SUBSCRIPTION)
        .setCustomer(request.customerId())
        .setClientReferenceId(request.tenantId())
        .putMetadata(TENANT_METADATA, request.tenantId())
        .addLineItem(com.stripe.param.checkout.SessionCreateParams.LineItem.builder()
            .setPrice(request.priceId()).setQuantity(1L).build())
        .setSubscriptionData(subscription.build())
        .setSuccessUrl(request.successUrl().toString())
        .setCancelUrl(request.cancelUrl().toString())
        .build();
    return call("checkout.sessions.create", () -> url("Checkout session",
        client.v1().checkout().sessions().create(params, idempotent(request.idempotencyKey())).getUrl()));
  }

  @Override
  public URI billingPortalSession(String customerId, URI returnUrl, String idempotencyKey) {
    com.stripe.param.billingportal.SessionCreateParams params =
        com.stripe.param.billingportal.SessionCreateParams.builder()
            .setCustomer(customerId).setReturnUrl(returnUrl.toString()).build();
    return call("billing_portal.sessions.create", () -> url("Billing Portal session",
        client.v1().billingPortal().sessions().create(params, idempotent(idempotencyKey)).getUrl()));
  }

  @Override
  public List<InvoiceView> invoices(String customerId, int limit) {
    if (limit < 1 || limit > 100) {
      throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "invoice limit " + limit
          + " must be 1-100 (Stripe's page size)");
    }
    InvoiceListParams params = InvoiceListParams.builder().setCustomer(customerId).setLimit((long) limit).build();
    return call("invoices.list", () -> {
      List<InvoiceView> views = new ArrayList<>();
      for (Invoice i : client.v1().invoices().list(params).getData()) {
        views.add(new InvoiceView(i.getId(), Optional.ofNullable(i.getNumber()), String.valueOf(i.getStatus()),
            orZero(i.getAmountDue()), orZero(i.getAmountPaid()), String.valueOf(i.getCurrency()),
            Instant.ofEpochSecond(orZero(i.getCreated())), Optional.ofNullable(i.getHostedInvoiceUrl()),
            Optional.ofNullable(i.getInvoicePdf())));
      }
      return views;
    });
  }

  @Override
  public void sendMeterEvent(UsageRecord usage, String customerId) {
    MeterEventCreateParams params = MeterEventCreateParams.builder()
        .setEventName(usage.eventName())
        .setIdentifier(usage.identifier())
        .setTimestamp(usage.timestamp().getEpochSecond())
        .putPayload("stripe_customer_id", customerId)
        .putPayload("value", Long.toString(usage.value()))
        .build();
    call("billing.meter_events.create", () -> client.v1().billing().meterEvents()
        .create(params, idempotent("meter-event-" + usage.identifier())));
  }

  @Override
  public String toString() {
    return "StripeBillingGateway[apiKey=(redacted), maxNetworkRetries=" + maxNetworkRetries + "]";
  }

  @FunctionalInterface
  private interface StripeCall<T> {
    T run() throws StripeException;
  }

  private <T> T call(String operation, StripeCall<T> work) {
    Span span = telemetry.tracer().spanBuilder("stripe " + operation).setSpanKind(SpanKind.CLIENT).startSpan();
    long start = System.nanoTime();
    String outcome = "error";
    try (Scope ignored = span.makeCurrent()) {
      T result = work.run();
      outcome = "ok";
      return result;
    } catch (StripeException e) {
      GatewayException mapped = map(operation, e);
      outcome = mapped.code().name().toLowerCase(Locale.ROOT);
      span.setStatus(StatusCode.ERROR, mapped.getMessage());
      throw mapped;
    } finally {
      // Latency, not time of day: nanoTime is the right clock here and is not business logic.
      telemetry.stripeCall(operation, outcome, (System.nanoTime() - start) / 1e9);
      span.setAttribute(BillingTelemetry.OUTCOME, outcome);
      span.end();
    }
  }

  static GatewayException map(String operation, StripeException e) {
    int status = e.getStatusCode() == null ? 0 : e.getStatusCode();
    String message = "Stripe " + operation + " failed: " + (status == 0 ? "no response" : "HTTP " + status)
        + (e.getCode() == null ? "" : ", code " + e.getCode())
        + (e.getRequestId() == null ? "" : ", request " + e.getRequestId()) + ": " + e.getMessage();
    if (e instanceof CardException card) {
      return new CardDeclinedException(message, status, e.getCode(), card.getDeclineCode(), e.getRequestId(), e);
    }
    BillingErrorCode code;
    if (e instanceof RateLimitException) {
      code = BillingErrorCode.GATEWAY_RATE_LIMITED;
    } else if (e instanceof AuthenticationException || e instanceof PermissionException) {
      code = BillingErrorCode.GATEWAY_AUTHENTICATION;
    } else if (e instanceof IdempotencyException) {
      code = BillingErrorCode.GATEWAY_IDEMPOTENCY_CONFLICT;
    } else if (e instanceof ApiConnectionException || e instanceof ApiException || status >= 500 || status == 409) {
      // 409 without an idempotency error is Stripe's lock_timeout: another request holds the object.
      code = BillingErrorCode.GATEWAY_UNAVAILABLE;
    } else if (e instanceof InvalidRequestException) {
      code = BillingErrorCode.GATEWAY_INVALID_REQUEST;
    } else {
      code = BillingErrorCode.GATEWAY_UNEXPECTED_RESPONSE;
    }
    return new GatewayException(code, message, status, e.getCode(), e.getRequestId(), e);
  }

  private static RequestOptions idempotent(String key) {
    if (key.isBlank() || key.length() > 255) {
      throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "idempotency key '" + key
          + "' must be 1-255 characters; derive it from the operation the host is performing");
    }
    return RequestOptions.builder().setIdempotencyKey(key).build();
  }

  private static SubscriptionView view(Subscription s) {
    SubscriptionItem item = s.getItems() == null || s.getItems().getData().isEmpty() ? null
        : s.getItems().getData().get(0);
    return new SubscriptionView(s.getId(), s.getCustomer(), SubscriptionStatus.fromStripe(s.getStatus()),
        Optional.ofNullable(item == null || item.getPrice() == null ? null : item.getPrice().getId()),
        epoch(s.getTrialEnd()),
        epoch(item == null ? null : item.getCurrentPeriodStart()),
        epoch(item == null ? null : item.getCurrentPeriodEnd()),
        Boolean.TRUE.equals(s.getCancelAtPeriodEnd()),
        Optional.ofNullable(s.getMetadata()).map(m -> m.get(TENANT_METADATA)));
  }

  private static URI url(String what, @Nullable String url) {
    if (url == null) {
      throw new BillingException(BillingErrorCode.GATEWAY_UNEXPECTED_RESPONSE, "Stripe returned a " + what
          + " without a url");
    }
    return URI.create(url);
  }

  private static Optional<Instant> epoch(@Nullable Long seconds) {
    return seconds == null ? Optional.empty() : Optional.of(Instant.ofEpochSecond(seconds));
  }

  private static long orZero(@Nullable Long v) {
    return v == null ? 0 : v;
  }

  private static long trialDays(Duration trial) {
    if (trial.isNegative() || !trial.equals(Duration.ofDays(trial.toDays()))) {
      throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "trial " + trial
          + " must be zero or a whole number of days");
    }
    return trial.toDays();
  }

  /** Configures the gateway; the API key is required, network retries must stay above zero. */
  public static final class Builder {
    private @Nullable String apiKey;
    private @Nullable URI apiBase;
    private int maxNetworkRetries = 2;
    private Duration connectTimeout = Duration.ofSeconds(30);
    private Duration readTimeout = Duration.ofSeconds(80);
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();

    private Builder() {}

    /** The secret ({@code sk_...}) or restricted ({@code rk_...}) key; never logged. */
    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** Another API host, e.g. a WireMock server in tests or stripe-mock. */
    public Builder apiBase(URI apiBase) {
      this.apiBase = apiBase;
      return this;
    }

    /** Retries stripe-java makes on connection errors, 409 locks and 5xx answers, with backoff (default 2). */
    public Builder maxNetworkRetries(int retries) {
      if (retries < 1) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "maxNetworkRetries " + retries
            + " must be at least 1: without retries a single network blip fails a payment call");
      }
      this.maxNetworkRetries = retries;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      return this;
    }

    public StripeBillingGateway build() {
      if (apiKey == null || apiKey.isBlank()) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION,
            "StripeBillingGateway needs apiKey(...): a Stripe secret (sk_...) or restricted (rk_...) key");
      }
      StripeClient.StripeClientBuilder b = StripeClient.builder()
          .setApiKey(apiKey)
          .setMaxNetworkRetries(maxNetworkRetries)
          .setConnectTimeout((int) connectTimeout.toMillis())
          .setReadTimeout((int) readTimeout.toMillis());
      if (apiBase != null) {
        String base = apiBase.toString().replaceAll("/+$", "");
        b.setApiBase(base).setMeterEventsBase(base).setFilesBase(base).setConnectBase(base);
      }
      return new StripeBillingGateway(b.build(), new BillingTelemetry(openTelemetry), maxNetworkRetries);
    }
  }
}
