package io.offgridflow.calc;

/** How an emission figure was obtained. */
public enum Method {
  /** Grid-average factor for where the energy is consumed (Scope 2 location-based). */
  LOCATION_BASED("location-based"),
  /** Contractual instruments, supplier rates and residual mix (Scope 2 market-based). */
  MARKET_BASED("market-based"),
  /** Fuel quantity (volume, mass or energy) times a fuel factor. */
  FUEL_BASED("fuel-based"),
  /** Distance (vehicle or passenger) times a per-distance factor. */
  DISTANCE_BASED("distance-based"),
  /** Mass of gas released times its GWP. */
  GWP_BASED("gwp-based"),
  /** Money spent, deflated to the factor's price year, times an EEIO factor. */
  SPEND_BASED("spend-based"),
  /** Cloud usage turned into energy by a cloud energy model, then into emissions. */
  CLOUD_ESTIMATED("cloud-estimated"),
  /** Metered energy times an energy factor (steam, heat, cloud energy). */
  ENERGY_BASED("energy-based");

  private final String code;

  Method(String code) {
    this.code = code;
  }

  /** The code printed in outputs, e.g. {@code location-based}. */
  public String code() {
    return code;
  }
}
