package io.offgridflow.billing;

import java.util.regex.Pattern;

/**
 * A feature flag a plan can include. Keys are lower-case identifiers; a key that equals a Stripe
 * Entitlements feature {@code lookup_key} is also granted by Stripe's active entitlement summary.
 *
 * <pre>{@code
 * Feature sso = Feature.of("sso");
 * if (entitlements.check(tenantId, sso)) { ... }
 * }</pre>
 *
 * @param key the stable key, e.g. {@code xbrl_export}
 */
public record Feature(String key) {
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,79}");

  /** Programmatic API access. */
  public static final Feature API_ACCESS = new Feature("api_access");
  /** Cloud bill connectors (AWS, Azure, GCP). */
  public static final Feature CLOUD_CONNECTORS = new Feature("cloud_connectors");
  /** Spend-based Scope 3 calculation. */
  public static final Feature SCOPE3_SPEND = new Feature("scope3_spend");
  /** XBRL and Inline XBRL report export. */
  public static final Feature XBRL_EXPORT = new Feature("xbrl_export");
  /** Single sign-on. */
  public static final Feature SSO = new Feature("sso");
  /** The audit log. */
  public static final Feature AUDIT_LOG = new Feature("audit_log");

  public Feature {
    if (!KEY.matcher(key).matches()) {
      throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "feature key '" + key
          + "' is invalid: use 1-80 characters of a-z, 0-9, '_', '.', ':' or '-', starting with a letter or digit");
    }
  }

  public static Feature of(String key) {
    return new Feature(key);
  }
}
