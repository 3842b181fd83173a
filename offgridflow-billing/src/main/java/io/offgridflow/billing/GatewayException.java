package io.offgridflow.billing;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The payment gateway refused or failed a call. The {@link #code()} says what kind of failure it
 * was and {@link #isRetryable()} whether the same call may succeed later; the HTTP status,
 * provider error code and request id help support find the call in the provider's logs.
 *
 * <pre>{@code
 * try {
 *   gateway.changePlan(subscriptionId, "price_enterprise", Proration.CREATE_PRORATIONS, key);
 * } catch (GatewayException e) {
 *   log.warn("Stripe request {} failed: {}", e.requestId().orElse("-"), e.getMessage());
 * }
 * }</pre>
 */
public class GatewayException extends BillingException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final @Nullable String providerCode;
  private final @Nullable String requestId;

  public GatewayException(BillingErrorCode code, String message, int httpStatus, @Nullable String providerCode,
      @Nullable String requestId, @Nullable Throwable cause) {
    super(code, message, cause);
    this.httpStatus = httpStatus;
    this.providerCode = providerCode;
    this.requestId = requestId;
  }

  /** The HTTP status the gateway answered with; 0 when no answer arrived. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The gateway's own error code, e.g. Stripe's {@code resource_missing}. */
  public Optional<String> providerCode() {
    return Optional.ofNullable(providerCode);
  }

  /** The gateway's request id ({@code req_...}). */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
