package io.offgridflow.billing.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Any change to the body, the timestamp or the signature, a wrong secret, and any timestamp outside
 * the 300 s tolerance is rejected, and leaves tenant state and the processed-event record untouched.
 */
class SignatureProperties {
  private static final String TENANT = "tenant-sig";
  private static final long TOLERANCE = StripeSignatureVerifier.DEFAULT_TOLERANCE.toSeconds();

  private static byte[] payload(String eventId, long created) {
    return StripeFixtures.subscription(eventId, "customer.subscription.created", created, "sub_s", "cus_s", TENANT,
        "active", WebhookHarness.PRO_PRICE, null, false).getBytes(StandardCharsets.UTF_8);
  }

  private static void assertRejectedAndNothingChanged(WebhookHarness h, WebhookResponse r, String eventId) {
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.outcome()).isEqualTo(WebhookResponse.Outcome.SIGNATURE_REJECTED);
    assertThat(h.states.find(TENANT)).isEmpty();
    assertThat(h.events.find(eventId)).isEmpty();
    assertThat(h.listener.appliedPerEvent).isEmpty();
  }

  @Property(tries = 300)
  void flippingAnyBodyByteIsRejected(@ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    WebhookHarness h = new WebhookHarness();
    long now = h.clock.instant().getEpochSecond();
    byte[] body = payload("evt_sig_body", now);
    String header = StripeSignatureVerifier.sign(WebhookHarness.SECRET, now, body);
    byte[] tampered = Arrays.copyOf(body, body.length);
    tampered[position % body.length] ^= (byte) xor;
    assertRejectedAndNothingChanged(h, h.handler.handle(tampered, header), "evt_sig_body");
  }

  @Property(tries = 200)
  void changingTheSignedTimestampIsRejected(@ForAll @LongRange(min = -300, max = 300) long shift) {
    if (shift == 0) {
      return;
    }
    WebhookHarness h = new WebhookHarness();
    long now = h.clock.instant().getEpochSecond();
    byte[] body = payload("evt_sig_t", now);
    String signature = StripeSignatureVerifier.sign(WebhookHarness.SECRET, now, body);
    String header = signature.replace("t=" + now, "t=" + (now + shift));
    assertRejectedAndNothingChanged(h, h.handler.handle(body, header), "evt_sig_t");
  }

  @Property(tries = 300)
  void changingAnySignatureDigitIsRejected(@ForAll @IntRange(min = 0, max = 63) int digit,
      @ForAll @IntRange(min = 1, max = 15) int delta) {
    WebhookHarness h = new WebhookHarness();
    long now = h.clock.instant().getEpochSecond();
    byte[] body = payload("evt_sig_v1", now);
    String header = StripeSignatureVerifier.sign(WebhookHarness.SECRET, now, body);
    int at = header.indexOf("v1=") + 3 + digit;
    char original = header.charAt(at);
    char changed = Character.forDigit((Character.digit(original, 16) + delta) % 16, 16);
    String tampered = header.substring(0, at) + changed + header.substring(at + 1);
    assertRejectedAndNothingChanged(h, h.handler.handle(body, tampered), "evt_sig_v1");
  }

  @Property(tries = 100)
  void aSignatureUnderAnotherSecretIsRejected(@ForAll("secrets") String secret) {
    WebhookHarness h = new WebhookHarness();
    long now = h.clock.instant().getEpochSecond();
    byte[] body = payload("evt_sig_k", now);
    assertRejectedAndNothingChanged(h, h.handler.handle(body, StripeSignatureVerifier.sign(secret, now, body)),
        "evt_sig_k");
  }

  @Property(tries = 200)
  void timestampsOutsideTheToleranceAreRejectedEvenWhenCorrectlySigned(
      @ForAll @LongRange(min = 1, max = 10_000_000) long beyond, @ForAll boolean future) {
    WebhookHarness h = new WebhookHarness();
    long now = h.clock.instant().getEpochSecond();
    long t = future ? now + TOLERANCE + beyond : now - TOLERANCE - beyond;
    byte[] body = payload("evt_sig_old", t);
    WebhookResponse r = h.handler.handle(body, StripeSignatureVerifier.sign(WebhookHarness.SECRET, t, body));
    assertRejectedAndNothingChanged(h, r, "evt_sig_old");
    assertThat(r.message()).contains(future ? "timestamp_in_future" : "timestamp_too_old");
  }

  @Property(tries = 100)
  void withinToleranceAndUnderEitherSecretIsAccepted(@ForAll @LongRange(min = -300, max = 300) long skew,
      @ForAll boolean oldSecret) {
    WebhookHarness h = new WebhookHarness();
    long t = h.clock.instant().getEpochSecond() + skew;
    byte[] body = payload("evt_sig_ok", t);
    String secret = oldSecret ? WebhookHarness.OLD_SECRET : WebhookHarness.SECRET;
    WebhookResponse r = h.handler.handle(body, StripeSignatureVerifier.sign(secret, t, body));
    assertThat(r.status()).isEqualTo(200);
    assertThat(h.states.find(TENANT)).isPresent();
  }

  @Property(tries = 100)
  void malformedHeadersAreRejected(@ForAll("headers") String header) {
    WebhookHarness h = new WebhookHarness();
    byte[] body = payload("evt_sig_h", h.clock.instant().getEpochSecond());
    assertRejectedAndNothingChanged(h, h.handler.handle(body, header), "evt_sig_h");
  }

  @Provide
  Arbitrary<String> secrets() {
    return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40).map(s -> "whsec_" + s);
  }

  @Provide
  Arbitrary<String> headers() {
    long now = WebhookHarness.NOW.getEpochSecond();
    Arbitrary<String> hex = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
    return Arbitraries.oneOf(
        Arbitraries.just(""),
        Arbitraries.strings().ofMaxLength(80),
        hex.map(v -> "v1=" + v),                                  // no timestamp
        Arbitraries.just("t=" + now),                             // no signature
        hex.map(v -> "t=" + now + ",v0=" + v),                    // only the test-mode scheme
        hex.map(v -> "t=" + now + ",t=" + now + ",v1=" + v),      // duplicated timestamp
        Combinators.combine(hex, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(5))
            .as((v, junk) -> "t=" + junk + ",v1=" + v));
  }
}
