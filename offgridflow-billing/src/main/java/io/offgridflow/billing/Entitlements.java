package io.offgridflow.billing;

import io.offgridflow.billing.internal.AccessResolver;
import io.offgridflow.billing.internal.BillingTelemetry;
import io.offgridflow.billing.spi.BillingStateStore;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Answers "may this tenant use this feature?" on every request, from memory. Each tenant's access
 * is resolved once from its {@link BillingState} into an immutable snapshot held in a
 * {@link ConcurrentHashMap}; a check is one map lookup and one set lookup, with no allocation and,
 * unless the tenant is in a grace period, no clock read. Snapshots are replaced whenever the
 * webhook handler or the host changes the tenant's state ({@link #refresh}), so plan changes take
 * effect at once.
 *
 * <p>When several host instances share one state store, a webhook updates the snapshots only of the
 * instance that received it; set {@link Builder#maxStaleness} so the others re-read the store, or
 * call {@link #refresh(String)} on a cross-instance notification.
 *
 * <pre>{@code
 * Entitlements entitlements = Entitlements.builder()
 *     .catalog(PlanCatalog.defaults())
 *     .stateStore(store)
 *     .build();
 * if (!entitlements.check(tenantId, Feature.XBRL_EXPORT)) { return forbidden(); }
 * }</pre>
 */
public final class Entitlements {
  private final AccessResolver resolver;
  private final BillingStateStore store;
  private final Clock clock;
  private final BillingTelemetry telemetry;
  private final long maxStalenessMillis;
  private final ConcurrentHashMap<String, Snapshot> snapshots = new ConcurrentHashMap<>();

  private Entitlements(Builder b, AccessResolver resolver) {
    this.resolver = resolver;
    this.store = Objects.requireNonNull(b.store, "stateStore");
    this.clock = b.clock;
    this.telemetry = b.telemetry != null ? b.telemetry : new BillingTelemetry(b.openTelemetry);
    this.maxStalenessMillis = b.maxStaleness == null ? Long.MAX_VALUE : b.maxStaleness.toMillis();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether the tenant may use {@code feature} now. Denials are counted by feature. */
  public boolean check(String tenantId, Feature feature) {
    Snapshot snapshot = snapshots.get(tenantId);
    if (snapshot == null || (snapshot.expiresAtMillis != Long.MAX_VALUE && clock.millis() >= snapshot.expiresAtMillis)) {
      snapshot = reload(tenantId, snapshot);
    }
    if (snapshot.access.features().contains(feature)) {
      return true;
    }
    telemetry.entitlementDenied(feature.key());
    return false;
  }

  /**
   * Like {@link #check} but throws.
   *
   * @throws FeatureNotEntitledException when the tenant may not use the feature
   */
  public void require(String tenantId, Feature feature) {
    if (!check(tenantId, feature)) {
      throw new FeatureNotEntitledException(tenantId, feature, access(tenantId).effectivePlanId());
    }
  }

  /** The tenant's allowance for {@code limit} now (0 when not included, {@link Plan#UNLIMITED} when uncapped). */
  public long allowance(String tenantId, Limit limit) {
    return access(tenantId).allowance(limit);
  }

  /** The tenant's full current access (plan, state, features, allowances). */
  public TenantAccess access(String tenantId) {
    Snapshot snapshot = snapshots.get(tenantId);
    if (snapshot == null || clock.millis() >= snapshot.expiresAtMillis) {
      snapshot = reload(tenantId, snapshot);
    }
    return snapshot.access;
  }

  /** Re-reads the tenant's state from the store, e.g. after another instance changed it. */
  public void refresh(String tenantId) {
    snapshots.put(tenantId, snapshotOf(tenantId, store.find(tenantId).orElse(null)));
  }

  /** Replaces the tenant's snapshot with one built from {@code state}, the newest state stored. */
  public void refresh(BillingState state) {
    snapshots.put(state.tenantId(), snapshotOf(state.tenantId(), state));
  }

  private Snapshot reload(String tenantId, @Nullable Snapshot expired) {
    Snapshot fresh;
    if (expired != null && clock.millis() < expired.loadedAtMillis + maxStalenessMillis) {
      // Only grace ran out: re-resolve the state we have, no store read needed.
      fresh = snapshotOf(tenantId, expired.state);
    } else {
      fresh = snapshotOf(tenantId, store.find(tenantId).orElse(null));
    }
    // A concurrent refresh(state) may have stored a newer snapshot meanwhile; keep the newer one.
    return snapshots.merge(tenantId, fresh, (current, candidate) ->
        current != expired && current.loadedAtMillis >= candidate.loadedAtMillis ? current : candidate);
  }

  private Snapshot snapshotOf(String tenantId, @Nullable BillingState state) {
    Instant now = clock.instant();
    AccessResolver.Resolved resolved = resolver.resolve(tenantId, state, now);
    long expires = resolved.changesAt() == null ? Long.MAX_VALUE : resolved.changesAt().toEpochMilli();
    long nowMillis = now.toEpochMilli();
    if (maxStalenessMillis != Long.MAX_VALUE) {
      expires = Math.min(expires, nowMillis + maxStalenessMillis);
    }
    return new Snapshot(resolved.access(), state, nowMillis, expires);
  }

  /** Immutable per-tenant answer; {@code expiresAtMillis} is Long.MAX_VALUE unless time alone changes it. */
  private static final class Snapshot {
    final TenantAccess access;
    final @Nullable BillingState state;
    final long loadedAtMillis;
    final long expiresAtMillis;

    Snapshot(TenantAccess access, @Nullable BillingState state, long loadedAtMillis, long expiresAtMillis) {
      this.access = access;
      this.state = state;
      this.loadedAtMillis = loadedAtMillis;
      this.expiresAtMillis = expiresAtMillis;
    }
  }

  /** Configures {@link Entitlements}; catalog and state store are required. */
  public static final class Builder {
    private @Nullable PlanCatalog catalog;
    private @Nullable BillingStateStore store;
    private LapsePolicy policy = LapsePolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();
    private @Nullable BillingTelemetry telemetry;
    private @Nullable Duration maxStaleness;

    private Builder() {}

    public Builder catalog(PlanCatalog catalog) {
      this.catalog = catalog;
      return this;
    }

    public Builder stateStore(BillingStateStore store) {
      this.store = store;
      return this;
    }

    public Builder lapsePolicy(LapsePolicy policy) {
      this.policy = policy;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
      return this;
    }

    Builder telemetry(BillingTelemetry telemetry) {
      this.telemetry = telemetry;
      return this;
    }

    /** Re-read a tenant's state from the store at least this often (for stores shared by instances). */
    public Builder maxStaleness(Duration maxStaleness) {
      if (maxStaleness.isNegative() || maxStaleness.isZero()) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "maxStaleness " + maxStaleness
            + " must be positive");
      }
      this.maxStaleness = maxStaleness;
      return this;
    }

    public Entitlements build() {
      if (catalog == null) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "Entitlements needs a plan catalog: "
            + "call catalog(PlanCatalog.defaults()) or pass your own");
      }
      if (store == null) {
        throw new BillingException(BillingErrorCode.INVALID_CONFIGURATION, "Entitlements needs a state store: "
            + "call stateStore(new InMemoryBillingStateStore()) or a PostgresBillingStateStore");
      }
      return new Entitlements(this, new AccessResolver(catalog, policy));
    }
  }
}
