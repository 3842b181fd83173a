package io.offgridflow.factors;

/**
 * What kind of activity a factor applies to. Resolution looks factors up by category, subject
 * (fuel, mode, NAICS code, ...) and region.
 */
public enum FactorCategory {
  /** Grid-average electricity, per unit of energy consumed; subject is empty. */
  GRID_ELECTRICITY,
  /** Residual-mix electricity (market-based Scope 2 after instruments); subject is empty. */
  RESIDUAL_MIX,
  /** A supplier's or utility's specific electricity rate; subject is the supplier key. */
  SUPPLIER_ELECTRICITY,
  /** Purchased steam, heat or cooling; subject is {@code steam}, {@code district_heat}, ... */
  STEAM_HEAT,
  /** Stationary combustion by fuel; subject is the fuel key. */
  STATIONARY_FUEL,
  /** Mobile combustion by fuel volume or mass; subject is the fuel key. */
  MOBILE_FUEL,
  /** Per vehicle-distance travelled; subject is the vehicle mode. */
  VEHICLE_DISTANCE,
  /** Per passenger-distance; subject is the travel mode. */
  PASSENGER_DISTANCE,
  /** Per currency unit spent; subject is the NAICS-6 code. */
  SPEND,
  /** Grid intensity of a cloud provider's region; region is {@code provider:region}. */
  CLOUD_REGION;

  /**
   * Whether a factor of this category describes one grid region only. A {@code US-XXXX} row must
   * not fall back to the country's average for these (an unknown eGRID subregion is an error, not
   * the US average); fuel and travel factors do fall back from subregion to country.
   */
  public boolean gridRegional() {
    return this == GRID_ELECTRICITY || this == RESIDUAL_MIX || this == SUPPLIER_ELECTRICITY || this == CLOUD_REGION;
  }
}
