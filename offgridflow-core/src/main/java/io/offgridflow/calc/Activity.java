package io.offgridflow.calc;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.units.Dimension;
import io.offgridflow.units.Money;
import io.offgridflow.units.Quantity;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One thing that emits: a meter reading, a fuel delivery, a trip, a leak, an invoice. Immutable;
 * built and validated by a builder started from the factory of its kind.
 *
 * <pre>{@code
 * Activity power = Activity.electricity("e1", Quantity.of(2500, Unit.KWH), "US-NWPP")
 *     .dataset("epa-egrid-2023")
 *     .market(MarketInstruments.builder().certificatesKwh(1000).build())
 *     .site("Portland")
 *     .year(2024)
 *     .build();
 * Activity boiler = Activity.stationaryCombustion("g1", Quantity.of(120, Unit.THERM), "natural_gas")
 *     .region("US").build();
 * }</pre>
 */
public final class Activity {
  /** Allowed quantity dimensions per kind, computed once: validation runs for every row. */
  private static final java.util.Map<ActivityKind, Set<Dimension>> ALLOWED = allowedByKind();

  private final String id;
  private final ActivityKind kind;
  private final @Nullable Quantity quantity;
  private final @Nullable Money money;
  private final @Nullable String region;
  private final @Nullable String dataset;
  private final int year;
  private final String period;
  private final String site;
  private final String orgUnit;
  private final @Nullable String fuel;
  private final @Nullable String mode;
  private final boolean radiativeForcing;
  private final @Nullable String gas;
  private final @Nullable String naics;
  private final MarketInstruments market;
  private final int scope3Category;
  private final @Nullable GwpSet gwp;

  private Activity(Builder b) {
    this.id = b.id;
    this.kind = b.kind;
    this.quantity = b.quantity;
    this.money = b.money;
    this.region = blankToNull(b.region);
    this.dataset = blankToNull(b.dataset);
    this.year = b.year;
    this.period = b.period != null ? b.period : (b.year > 0 ? Integer.toString(b.year) : "");
    this.site = b.site;
    this.orgUnit = b.orgUnit;
    this.fuel = blankToNull(b.fuel);
    this.mode = blankToNull(b.mode);
    this.radiativeForcing = b.radiativeForcing;
    this.gas = blankToNull(b.gas);
    this.naics = blankToNull(b.naics);
    this.market = b.market;
    this.scope3Category = b.scope3Category;
    this.gwp = b.gwp;
    validate();
  }

  private static @Nullable String blankToNull(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private void validate() {
    if (id.isBlank()) {
      throw invalid("id", id, "every activity needs a non-empty id");
    }
    if (kind == ActivityKind.SPEND) {
      if (money == null) {
        throw invalid("quantity", "", "spend needs an amount of money (unit = ISO currency code, e.g. USD)");
      }
      if (money.amount().signum() < 0) {
        throw invalid("quantity", money.amount().toPlainString(), "spend must not be negative");
      }
      require(naics, "naics", "spend needs a NAICS-6 code");
      if (!isNaics6(naics)) {
        throw invalid("naics", naics, "NAICS codes have six digits, e.g. 541511");
      }
    } else {
      if (quantity == null) {
        throw invalid("quantity", "", kind.code() + " needs a quantity with a unit");
      }
      if (quantity.isNegative()) {
        throw invalid("quantity", Double.toString(quantity.value()), "quantities must not be negative");
      }
      Set<Dimension> allowed = ALLOWED.get(kind);
      if (!allowed.contains(quantity.dimension())) {
        throw invalid(
            "unit",
            quantity.unit().symbol(),
            kind.code() + " takes " + describe(allowed) + ", not " + quantity.dimension().description());
      }
    }
    switch (kind) {
      case ELECTRICITY -> require(region, "region", "electricity needs a grid region, e.g. US-NWPP, US, GB");
      case STATIONARY_COMBUSTION -> require(fuel, "fuel", "stationary combustion needs a fuel, e.g. natural_gas");
      case MOBILE_COMBUSTION -> {
        if (isDistance(quantity)) {
          require(mode, "mode", "distance-based mobile combustion needs a vehicle mode, e.g. passenger_car");
        } else {
          require(fuel, "fuel", "fuel-based mobile combustion needs a fuel, e.g. diesel");
        }
      }
      case VEHICLE_TRAVEL, PASSENGER_TRAVEL -> require(mode, "mode", kind.code() + " needs a mode, e.g. passenger_car or air_long_haul");
      case REFRIGERANT -> require(gas, "gas", "refrigerant needs a gas, e.g. R-410A");
      default -> {}
    }
    if (scope3Category != 0) {
      if (scope3Category < 1 || scope3Category > 15) {
        throw invalid("scope3_category", Integer.toString(scope3Category), "Scope 3 categories are 1-15");
      }
      if (kind.scope() != Scope.SCOPE_3) {
        throw invalid(
            "scope3_category",
            Integer.toString(scope3Category),
            kind.code() + " is " + kind.scope().name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT)
                + "; a Scope 3 category applies only to Scope 3 activities");
      }
    }
  }

  private static boolean isDistance(@Nullable Quantity q) {
    return q != null && (q.dimension() == Dimension.DISTANCE || q.dimension() == Dimension.VEHICLE_DISTANCE);
  }

  private static java.util.Map<ActivityKind, Set<Dimension>> allowedByKind() {
    java.util.Map<ActivityKind, Set<Dimension>> m = new java.util.EnumMap<>(ActivityKind.class);
    for (ActivityKind k : ActivityKind.values()) {
      m.put(k, java.util.Collections.unmodifiableSet(allowedDimensions(k)));
    }
    return m;
  }

  private static Set<Dimension> allowedDimensions(ActivityKind kind) {
    return switch (kind) {
      case ELECTRICITY, STEAM -> EnumSet.of(Dimension.ENERGY);
      case STATIONARY_COMBUSTION -> EnumSet.of(Dimension.ENERGY, Dimension.ENERGY_NET_CV, Dimension.VOLUME, Dimension.MASS);
      case MOBILE_COMBUSTION -> EnumSet.of(
          Dimension.ENERGY, Dimension.ENERGY_NET_CV, Dimension.VOLUME, Dimension.MASS,
          Dimension.DISTANCE, Dimension.VEHICLE_DISTANCE);
      case VEHICLE_TRAVEL -> EnumSet.of(Dimension.DISTANCE, Dimension.VEHICLE_DISTANCE);
      case PASSENGER_TRAVEL -> EnumSet.of(Dimension.PASSENGER_DISTANCE);
      case REFRIGERANT -> EnumSet.of(Dimension.MASS);
      case CLOUD -> EnumSet.of(
          Dimension.ENERGY, Dimension.COMPUTE_TIME, Dimension.DATA, Dimension.DATA_TIME, Dimension.DATA_MONTHS);
      case SPEND -> EnumSet.noneOf(Dimension.class);
    };
  }

  private static String describe(Set<Dimension> dims) {
    StringBuilder sb = new StringBuilder();
    for (Dimension d : dims) {
      if (sb.length() > 0) {
        sb.append(" or ");
      }
      sb.append(d.description());
    }
    return sb.toString();
  }

  private void require(@Nullable String value, String field, String why) {
    if (value == null) {
      throw invalid(field, "", why);
    }
  }

  private OffGridFlowException invalid(String field, String value, String why) {
    return new InvalidActivityException(id, field, value, why);
  }

  public static Builder builder(String id, ActivityKind kind) {
    return new Builder(id, kind);
  }

  public static Builder electricity(String id, Quantity energy, String region) {
    return new Builder(id, ActivityKind.ELECTRICITY).quantity(energy).region(region);
  }

  public static Builder steam(String id, Quantity energy) {
    return new Builder(id, ActivityKind.STEAM).quantity(energy);
  }

  public static Builder stationaryCombustion(String id, Quantity fuelAmount, String fuel) {
    return new Builder(id, ActivityKind.STATIONARY_COMBUSTION).quantity(fuelAmount).fuel(fuel);
  }

  public static Builder mobileFuel(String id, Quantity fuelAmount, String fuel) {
    return new Builder(id, ActivityKind.MOBILE_COMBUSTION).quantity(fuelAmount).fuel(fuel);
  }

  public static Builder mobileDistance(String id, Quantity distance, String mode) {
    return new Builder(id, ActivityKind.MOBILE_COMBUSTION).quantity(distance).mode(mode);
  }

  public static Builder vehicleTravel(String id, Quantity distance, String mode) {
    return new Builder(id, ActivityKind.VEHICLE_TRAVEL).quantity(distance).mode(mode);
  }

  public static Builder passengerTravel(String id, Quantity passengerDistance, String mode) {
    return new Builder(id, ActivityKind.PASSENGER_TRAVEL).quantity(passengerDistance).mode(mode);
  }

  public static Builder refrigerant(String id, Quantity leaked, String gas) {
    return new Builder(id, ActivityKind.REFRIGERANT).quantity(leaked).gas(gas);
  }

  public static Builder spend(String id, Money money, String naics) {
    return new Builder(id, ActivityKind.SPEND).money(money).naics(naics).year(money.priceYear());
  }

  public static Builder cloud(String id, Quantity usage, String providerRegion) {
    return new Builder(id, ActivityKind.CLOUD).quantity(usage).region(providerRegion);
  }

  public String id() {
    return id;
  }

  public ActivityKind kind() {
    return kind;
  }

  /** The physical quantity; absent only for spend. */
  public Optional<Quantity> quantity() {
    return Optional.ofNullable(quantity);
  }

  /** The physical quantity, for kinds that always have one. */
  public Quantity requireQuantity() {
    if (quantity == null) {
      throw invalid("quantity", "", kind.code() + " has no physical quantity");
    }
    return quantity;
  }

  /** The money spent; present only for spend. */
  public Optional<Money> money() {
    return Optional.ofNullable(money);
  }

  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  /** The pinned dataset id, if the activity pins one. */
  public Optional<String> dataset() {
    return Optional.ofNullable(dataset);
  }

  /** Activity year (for spend, the year the money was spent); 0 when unknown. */
  public int year() {
    return year;
  }

  /** Reporting period label used by the inventory; defaults to the year. */
  public String period() {
    return period;
  }

  /** Site or facility; empty when not given. */
  public String site() {
    return site;
  }

  /** Organisational unit; empty when not given. */
  public String orgUnit() {
    return orgUnit;
  }

  public Optional<String> fuel() {
    return Optional.ofNullable(fuel);
  }

  public Optional<String> mode() {
    return Optional.ofNullable(mode);
  }

  /** For air travel with DESNZ factors: include radiative forcing (the "with RF" factor). */
  public boolean radiativeForcing() {
    return radiativeForcing;
  }

  public Optional<String> gas() {
    return Optional.ofNullable(gas);
  }

  public Optional<String> naics() {
    return Optional.ofNullable(naics);
  }

  public MarketInstruments market() {
    return market;
  }

  /** Explicit Scope 3 category (1-15), or 0 to use the kind's default. */
  public int scope3Category() {
    return scope3Category;
  }

  /** A per-activity GWP set overriding the calculator's, if any. */
  public Optional<GwpSet> gwp() {
    return Optional.ofNullable(gwp);
  }

  @Override
  public String toString() {
    return "Activity[" + id + ", " + kind.code() + ", "
        + (quantity != null ? quantity : String.valueOf(money)) + (region != null ? ", " + region : "") + "]";
  }

  /** Builder for {@link Activity}; {@link #build()} checks the fields the kind needs. */
  public static final class Builder {
    private final String id;
    private final ActivityKind kind;
    private @Nullable Quantity quantity;
    private @Nullable Money money;
    private @Nullable String region;
    private @Nullable String dataset;
    private int year;
    private @Nullable String period;
    private String site = "";
    private String orgUnit = "";
    private @Nullable String fuel;
    private @Nullable String mode;
    private boolean radiativeForcing;
    private @Nullable String gas;
    private @Nullable String naics;
    private MarketInstruments market = MarketInstruments.NONE;
    private int scope3Category;
    private @Nullable GwpSet gwp;

    private Builder(String id, ActivityKind kind) {
      if (id == null || kind == null) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_ACTIVITY, "an activity needs an id and a kind");
      }
      this.id = id;
      this.kind = kind;
    }

    public Builder quantity(Quantity quantity) {
      this.quantity = quantity;
      return this;
    }

    public Builder money(Money money) {
      this.money = money;
      return this;
    }

    public Builder region(@Nullable String region) {
      this.region = region;
      return this;
    }

    public Builder dataset(@Nullable String datasetId) {
      this.dataset = datasetId;
      return this;
    }

    public Builder year(int year) {
      this.year = year;
      return this;
    }

    public Builder period(String period) {
      this.period = period;
      return this;
    }

    public Builder site(String site) {
      this.site = site;
      return this;
    }

    public Builder orgUnit(String orgUnit) {
      this.orgUnit = orgUnit;
      return this;
    }

    public Builder fuel(@Nullable String fuel) {
      this.fuel = fuel;
      return this;
    }

    public Builder mode(@Nullable String mode) {
      this.mode = mode;
      return this;
    }

    public Builder radiativeForcing(boolean rf) {
      this.radiativeForcing = rf;
      return this;
    }

    public Builder gas(@Nullable String gas) {
      this.gas = gas;
      return this;
    }

    public Builder naics(@Nullable String naics) {
      this.naics = naics;
      return this;
    }

    public Builder market(MarketInstruments market) {
      this.market = market;
      return this;
    }

    public Builder scope3Category(int category) {
      this.scope3Category = category;
      return this;
    }

    public Builder gwp(@Nullable GwpSet gwp) {
      this.gwp = gwp;
      return this;
    }

    public Activity build() {
      return new Activity(this);
    }
  }

  /**
   * Six ASCII digits. A loop, not a regex: this runs for every spend row, and a regex costs a
   * short-lived CLI run its interpreted matching and a queue slot at the JIT compiler.
   */
  private static boolean isNaics6(String code) {
    if (code.length() != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
