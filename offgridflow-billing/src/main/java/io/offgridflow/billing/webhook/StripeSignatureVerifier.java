package io.offgridflow.billing.webhook;

import io.offgridflow.billing.BillingErrorCode;
import io.offgridflow.billing.BillingException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Stripe's {@code Stripe-Signature} header as Stripe documents it: HMAC-SHA256, keyed by
 * the endpoint secret, over {@code timestamp + "." + raw body}, hex-encoded as one or more
 * {@code v1=} elements. Comparison is constant-time. A timestamp more than the tolerance (300 s by
 * default) away from the clock, in the past or in the future, is rejected. Several secrets may be
 * configured so that a secret can be rolled without dropping events: a signature under any of them
 * is accepted. Thread-safe.
 *
 * <pre>{@code
 * StripeSignatureVerifier verifier = StripeSignatureVerifier.builder()
 *     .secret(System.getenv("STRIPE_WEBHOOK_SECRET"))
 *     .secret(previousSecret) // during a roll
 *     .build();
 * SignatureCheck check = verifier.verify(rawBody, request.getHeader("Stripe-Signature"));
 * }</pre>
 */
public final class StripeSignatureVerifier {
  /** Stripe's default tolerance. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private final List<SecretKeySpec> keys;
  private final long toleranceSeconds;
  private final Clock clock;
  // Mac instances are not thread-safe and costly to look up; one initialised set per thread.
  private final ThreadLocal<Mac[]> macs;

  private StripeSignatureVerifier(List<SecretKeySpec> keys, Duration tolerance, Clock clock) {
    this.keys = List.copyOf(keys);
    this.toleranceSeconds = tolerance.toSeconds();
    this.clock = clock;
    this.macs = ThreadLocal.withInitial(this::newMacs);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Checks a header against the raw request body as received (bytes, before any decoding). */
  public SignatureCheck verify(byte[] payload, @Nullable String header) {
    if (header == null || header.isBlank()) {
      return SignatureCheck.MISSING_HEADER;
    }
    long timestamp = -1;
    boolean sawV1 = false;
    List<byte[]> signatures = new ArrayList<>(2);
    for (String element : header.split(",")) {
      int eq = element.indexOf('=');
      if (eq <= 0) {
        return SignatureCheck.MALFORMED_HEADER;
      }
      String name = element.substring(0, eq).trim();
      String value = element.substring(eq + 1).trim();
      if (name.equals("t")) {
        if (timestamp != -1 || !isDigits(value)) {
          return SignatureCheck.MALFORMED_HEADER;
        }
        timestamp = Long.parseLong(value);
      } else if (name.equals("v1")) {
        sawV1 = true;
        // A v1 value that is not 64 hex digits cannot match; it is skipped, not an error.
        if (value.length() == 64 && isHex(value)) {
          signatures.add(HEX.parseHex(value));
        } else if (value.isEmpty()) {
          return SignatureCheck.MALFORMED_HEADER;
        }
      }
    }
    if (timestamp == -1) {
      return SignatureCheck.MALFORMED_HEADER;
    }
    if (!sawV1) {
      return SignatureCheck.NO_V1_SIGNATURE;
    }
    long now = clock.instant().getEpochSecond();
    if (now - timestamp > toleranceSeconds) {
      return SignatureCheck.TIMESTAMP_TOO_OLD;
    }
    if (timestamp - now > toleranceSeconds) {
      return SignatureCheck.TIMESTAMP_IN_FUTURE;
    }
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
    for (Mac mac : macs.get()) {
      mac.update(prefix);
      byte[] expected = mac.doFinal(payload);
      for (byte[] candidate : signatures) {
        if (MessageDigest.isEqual(expected, candidate)) {
          return SignatureCheck.VALID;
        }
      }
    }
    return SignatureCheck.NO_MATCHING_SIGNATURE;
  }

  /** {@link #verify(byte[], String)} for a body held as a string (encoded back to UTF-8). */
  public SignatureCheck verify(String payload, @Nullable String header) {
    return verify(payload.getBytes(StandardCharsets.UTF_8), header);
  }

  /**
   * The header Stripe would send for {@code payload} at {@code epochSeconds} under {@code secret};
   * for tests and for replaying stored events through a handler.
   */
  public static String sign(String secret, long epochSeconds, byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return "t=" + epochSeconds + ",v1=" + HEX.formatHex(mac.doFinal(payload));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
    }
  }

  private Mac[] newMacs() {
    try {
      Mac[] result = new Mac[keys.size()];
      for (int i = 0; i < result.length; i++) {
        result[i] = Mac.getInstance(ALGORITHM);
        result[i].init(keys.get(i));
      }
      return result;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + ALGORITHM, e);
    }
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "StripeSignatureVerifier[secrets=" + keys.size() + " (redacted), tolerance=" + toleranceSeconds + "s]";
  }

  /** Configures the verifier; at least one secret is required. */
  public static final class Builder {
    private final List<SecretKeySpec> keys = new ArrayList<>();
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** An endpoint signing secret ({@code whsec_...}); call again for each secret accepted during a roll. */
    public Builder secret(String secret) {
      if (secret.isBlank()) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "webhook signing secret #"
            + (keys.size() + 1) + " is blank; pass the endpoint's whsec_... secret");
      }
      keys.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return this;
    }

    public Builder tolerance(Duration tolerance) {
      if (tolerance.isNegative()) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "signature tolerance " + tolerance
            + " is negative");
      }
      this.tolerance = tolerance;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public StripeSignatureVerifier build() {
      if (keys.isEmpty()) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION,
            "StripeSignatureVerifier needs at least one secret(...): the endpoint's whsec_... signing secret");
      }
      return new StripeSignatureVerifier(keys, tolerance, clock);
    }
  }
}
