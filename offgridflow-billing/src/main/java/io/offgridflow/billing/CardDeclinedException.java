package io.offgridflow.billing;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The customer's card was declined; not retryable until the customer changes something.
 *
 * <pre>{@code
 * catch (CardDeclinedException e) { showMessage("Card declined: " + e.declineCode().orElse("unknown")); }
 * }</pre>
 */
public final class CardDeclinedException extends GatewayException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String declineCode;

  public CardDeclinedException(String message, int httpStatus, @Nullable String providerCode,
      @Nullable String declineCode, @Nullable String requestId, @Nullable Throwable cause) {
    super(BillingErrorCode.CARD_DECLINED, message, httpStatus, providerCode, requestId, cause);
    this.declineCode = declineCode;
  }

  /** The issuer's reason, e.g. {@code insufficient_funds}. */
  public Optional<String> declineCode() {
    return Optional.ofNullable(declineCode);
  }
}
