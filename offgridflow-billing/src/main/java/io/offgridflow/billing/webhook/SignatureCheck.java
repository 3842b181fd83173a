package io.offgridflow.billing.webhook;

/**
 * The result of checking a {@code Stripe-Signature} header; everything but {@link #VALID} rejects.
 *
 * <pre>{@code
 * if (verifier.verify(body, header) != SignatureCheck.VALID) { return 400; }
 * }</pre>
 */
public enum SignatureCheck {
  VALID,
  /** No header, or an empty one. */
  MISSING_HEADER,
  /** No {@code t=} timestamp, a duplicated or non-numeric one, or an element without {@code =}. */
  MALFORMED_HEADER,
  /** No {@code v1=} signature (v0 test-mode signatures are never accepted). */
  NO_V1_SIGNATURE,
  /** The timestamp is older than the tolerance: a replay or a badly delayed delivery. */
  TIMESTAMP_TOO_OLD,
  /** The timestamp lies further in the future than the tolerance. */
  TIMESTAMP_IN_FUTURE,
  /** No {@code v1} signature matches the payload under any configured secret. */
  NO_MATCHING_SIGNATURE
}
