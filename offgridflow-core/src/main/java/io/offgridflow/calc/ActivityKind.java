package io.offgridflow.calc;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import java.util.Locale;

/** What an activity is; decides its scope, default Scope 3 category and factor category. */
public enum ActivityKind {
  /** Purchased grid electricity: Scope 2, location- and market-based. */
  ELECTRICITY("electricity", Scope.SCOPE_2, 0),
  /** Purchased steam, heat or cooling: Scope 2. */
  STEAM("steam", Scope.SCOPE_2, 0),
  /** Fuel burnt in owned boilers, furnaces, generators: Scope 1. */
  STATIONARY_COMBUSTION("stationary_combustion", Scope.SCOPE_1, 0),
  /** Fuel burnt (or distance driven) by owned vehicles: Scope 1. */
  MOBILE_COMBUSTION("mobile_combustion", Scope.SCOPE_1, 0),
  /** Distance driven in vehicles the company does not own (business travel): Scope 3 category 6. */
  VEHICLE_TRAVEL("vehicle_travel", Scope.SCOPE_3, 6),
  /** Passenger distance by public transport or air: Scope 3 category 6. */
  PASSENGER_TRAVEL("passenger_travel", Scope.SCOPE_3, 6),
  /** Refrigerant or other gas leaked from owned equipment: Scope 1. */
  REFRIGERANT("refrigerant", Scope.SCOPE_1, 0),
  /** Money spent on goods and services: Scope 3 category 1 unless overridden. */
  SPEND("spend", Scope.SCOPE_3, 1),
  /** Cloud services: Scope 3 category 1 (purchased services). */
  CLOUD("cloud", Scope.SCOPE_3, 1);

  private final String code;
  private final Scope scope;
  private final int defaultScope3Category;

  ActivityKind(String code, Scope scope, int defaultScope3Category) {
    this.code = code;
    this.scope = scope;
    this.defaultScope3Category = defaultScope3Category;
  }

  /** The code used in activity files, e.g. {@code stationary_combustion}. */
  public String code() {
    return code;
  }

  public Scope scope() {
    return scope;
  }

  /** 1-15 for Scope 3 kinds, 0 otherwise. */
  public int defaultScope3Category() {
    return defaultScope3Category;
  }

  /** Parses an activity code, with an error listing the valid ones. */
  public static ActivityKind parse(String code) {
    String c = code.trim().toLowerCase(Locale.ROOT);
    for (ActivityKind k : values()) {
      if (k.code.equals(c)) {
        return k;
      }
    }
    throw new OffGridFlowException(
        CoreErrorCode.INVALID_ACTIVITY,
        "unknown activity '" + code + "'; use electricity, steam, stationary_combustion,"
            + " mobile_combustion, vehicle_travel, passenger_travel, refrigerant, spend or cloud");
  }
}
