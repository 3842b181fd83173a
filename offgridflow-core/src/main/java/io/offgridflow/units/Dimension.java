package io.offgridflow.units;

/**
 * Physical (or accounting) dimension of a {@link Unit}. Only units of the same dimension convert
 * into each other.
 *
 * <p>Some dimensions look alike on purpose. {@link #ENERGY_NET_CV} is energy on a net calorific
 * value basis: turning it into gross-basis energy needs a fuel-specific ratio, so it is kept apart
 * rather than silently converted. {@link #VEHICLE_DISTANCE} and {@link #PASSENGER_DISTANCE} differ
 * from {@link #DISTANCE} by the occupancy, which no unit conversion knows. A GB-month covers a
 * calendar month whose length varies, so {@link #DATA_MONTHS} does not convert to {@link
 * #DATA_TIME}.
 */
public enum Dimension {
  ENERGY("energy"),
  ENERGY_NET_CV("energy (net calorific value)"),
  VOLUME("volume"),
  MASS("mass"),
  DISTANCE("distance"),
  VEHICLE_DISTANCE("vehicle distance"),
  PASSENGER_DISTANCE("passenger distance"),
  COMPUTE_TIME("compute time"),
  DATA("data"),
  DATA_TIME("data x time"),
  DATA_MONTHS("data x months");

  private final String description;

  Dimension(String description) {
    this.description = description;
  }

  /** Human-readable name used in error messages. */
  public String description() {
    return description;
  }
}
