package io.offgridflow.billing;

/**
 * A tenant used a feature its current plan (or grace/suspension state) does not include.
 *
 * <pre>{@code
 * entitlements.require("acme", Feature.XBRL_EXPORT); // throws when not entitled
 * }</pre>
 */
public final class FeatureNotEntitledException extends BillingException {
  private static final long serialVersionUID = 1L;

  private final String tenantId;
  private final Feature feature;

  public FeatureNotEntitledException(String tenantId, Feature feature, String planId) {
    super(BillingErrorCode.FEATURE_NOT_ENTITLED, "tenant '" + tenantId + "' on plan '" + planId
        + "' is not entitled to feature " + feature.key() + "; upgrade to a plan that includes it");
    this.tenantId = tenantId;
    this.feature = feature;
  }

  public String tenantId() {
    return tenantId;
  }

  public Feature feature() {
    return feature;
  }
}
