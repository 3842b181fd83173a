package io.offgridflow.units;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.ErrorCode;
import io.offgridflow.OffGridFlowException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Units of measure the calculation engine understands. Each unit is defined by an exact decimal
 * multiple of its dimension's base unit (kWh, m3, kg, km, vCPU-hour, GB, GB-hour, GB-month).
 *
 * <p>Definitions are exact where the physical definition is: 1 lb = 0.45359237 kg, 1 US gallon =
 * 3.785411784 L, 1 mile = 1.609344 km, 1 ft = 0.3048 m, 1 therm = 0.1 MMBtu. One MMBtu is
 * 293.07107 kWh, the rounded value EPA and the GHG Protocol use (the International Table Btu gives
 * 293.071070172...; the difference is below 1e-9 relative).
 *
 * <pre>{@code
 * Unit u = Unit.parse("MMBtu");           // Unit.MMBTU
 * double kwh = Quantity.of(1, u).to(Unit.KWH).value();
 * }</pre>
 */
public enum Unit {
  // Energy, base kWh. MMBtu, therm and GJ are gross (higher heating value) when used for fuels,
  // following EPA's convention.
  WH("Wh", Dimension.ENERGY, "0.001"),
  KWH("kWh", Dimension.ENERGY, "1"),
  /** kWh of fuel energy on a gross calorific value basis (DESNZ "kWh (Gross CV)"). */
  KWH_GCV("kWh_gcv", Dimension.ENERGY, "1"),
  MWH("MWh", Dimension.ENERGY, "1000"),
  GWH("GWh", Dimension.ENERGY, "1000000"),
  GJ("GJ", Dimension.ENERGY, "277.77777777777777777777777777777778"),
  MMBTU("MMBtu", Dimension.ENERGY, "293.07107"),
  THERM("therm", Dimension.ENERGY, "29.307107"),
  /** kWh of fuel energy on a net calorific value basis (DESNZ "kWh (Net CV)"). */
  KWH_NCV("kWh_ncv", Dimension.ENERGY_NET_CV, "1"),

  // Volume, base m3.
  LITRE("L", Dimension.VOLUME, "0.001"),
  CUBIC_METRE("m3", Dimension.VOLUME, "1"),
  US_GALLON("gal", Dimension.VOLUME, "0.003785411784"),
  /** Standard cubic foot: (0.3048 m)^3. */
  SCF("scf", Dimension.VOLUME, "0.028316846592"),
  /** Thousand standard cubic feet, as US gas bills print it. */
  MCF("Mcf", Dimension.VOLUME, "28.316846592"),

  // Mass, base kg.
  GRAM("g", Dimension.MASS, "0.001"),
  KILOGRAM("kg", Dimension.MASS, "1"),
  TONNE("t", Dimension.MASS, "1000"),
  POUND("lb", Dimension.MASS, "0.45359237"),
  SHORT_TON("short_ton", Dimension.MASS, "907.18474"),

  // Distance, base km.
  METRE("m", Dimension.DISTANCE, "0.001"),
  KILOMETRE("km", Dimension.DISTANCE, "1"),
  MILE("mile", Dimension.DISTANCE, "1.609344"),
  VEHICLE_KM("vehicle-km", Dimension.VEHICLE_DISTANCE, "1"),
  VEHICLE_MILE("vehicle-mile", Dimension.VEHICLE_DISTANCE, "1.609344"),
  PASSENGER_KM("passenger-km", Dimension.PASSENGER_DISTANCE, "1"),
  PASSENGER_MILE("passenger-mile", Dimension.PASSENGER_DISTANCE, "1.609344"),

  // Cloud usage.
  VCPU_HOUR("vCPU-hour", Dimension.COMPUTE_TIME, "1"),
  /** Decimal gigabyte, 10^9 bytes. */
  GB("GB", Dimension.DATA, "1"),
  TB("TB", Dimension.DATA, "1000"),
  GB_HOUR("GB-hour", Dimension.DATA_TIME, "1"),
  TB_HOUR("TB-hour", Dimension.DATA_TIME, "1000"),
  GB_MONTH("GB-month", Dimension.DATA_MONTHS, "1");

  private static final Map<String, Unit> BY_SYMBOL = new HashMap<>();

  static {
    for (Unit u : values()) {
      BY_SYMBOL.put(key(u.symbol), u);
    }
    alias("kwh_net", KWH_NCV);
    alias("kwh_gross", KWH_GCV);
    alias("mmbtu", MMBTU);
    alias("therms", THERM);
    alias("l", LITRE);
    alias("litre", LITRE);
    alias("litres", LITRE);
    alias("liter", LITRE);
    alias("liters", LITRE);
    alias("m³", CUBIC_METRE);
    alias("cubic_metres", CUBIC_METRE);
    alias("us_gal", US_GALLON);
    alias("gallon", US_GALLON);
    alias("gallons", US_GALLON);
    alias("ft3", SCF);
    alias("tonne", TONNE);
    alias("tonnes", TONNE);
    alias("metric_ton", TONNE);
    alias("lbs", POUND);
    alias("short_tons", SHORT_TON);
    alias("short ton", SHORT_TON);
    alias("mi", MILE);
    alias("miles", MILE);
    alias("vehicle_mile", VEHICLE_MILE);
    alias("vehicle_km", VEHICLE_KM);
    alias("passenger_km", PASSENGER_KM);
    alias("passenger.km", PASSENGER_KM);
    alias("pkm", PASSENGER_KM);
    alias("passenger_mile", PASSENGER_MILE);
    alias("vcpu_hour", VCPU_HOUR);
    alias("vcpu-hours", VCPU_HOUR);
    alias("gb_hour", GB_HOUR);
    alias("gb-hours", GB_HOUR);
    alias("gb_month", GB_MONTH);
    alias("gb-mo", GB_MONTH);
  }

  private final String symbol;
  private final Dimension dimension;
  private final BigDecimal toBaseExact;
  private final double toBase;

  Unit(String symbol, Dimension dimension, String toBase) {
    this.symbol = symbol;
    this.dimension = dimension;
    this.toBaseExact = new BigDecimal(toBase);
    this.toBase = this.toBaseExact.doubleValue();
  }

  private static void alias(String alias, Unit unit) {
    BY_SYMBOL.put(key(alias), unit);
  }

  private static String key(String symbol) {
    return symbol.trim().toLowerCase(Locale.ROOT);
  }

  /** The canonical symbol, as printed in outputs and accepted by {@link #parse}. */
  public String symbol() {
    return symbol;
  }

  public Dimension dimension() {
    return dimension;
  }

  /** Exact decimal size of this unit in its dimension's base unit. */
  public BigDecimal toBaseExact() {
    return toBaseExact;
  }

  /**
   * Multiplier from this unit to {@code target}, correctly rounded to a double.
   *
   * @throws UnitMismatchException when the dimensions differ
   */
  public double factorTo(Unit target) {
    if (target == this) {
      return 1.0;
    }
    requireSameDimension(target);
    return Ratios.TABLE[ordinal()][target.ordinal()];
  }

  /**
   * Every same-dimension ratio, computed once from the exact definitions: conversion sits on the
   * calculator's hot path, where a BigDecimal division per call would cost more than the rest.
   */
  private static final class Ratios {
    static final double[][] TABLE = compute();

    private static double[][] compute() {
      Unit[] all = values();
      double[][] t = new double[all.length][all.length];
      for (Unit from : all) {
        for (Unit to : all) {
          t[from.ordinal()][to.ordinal()] =
              from.dimension == to.dimension
                  ? from.exactFactorTo(to, MathContext.DECIMAL128).doubleValue()
                  : Double.NaN;
        }
      }
      return t;
    }
  }

  /**
   * Multiplier from this unit to {@code target} as a decimal; exact when the ratio of the two
   * definitions terminates, otherwise rounded to {@code mc}.
   */
  public BigDecimal exactFactorTo(Unit target, MathContext mc) {
    requireSameDimension(target);
    try {
      return toBaseExact.divide(target.toBaseExact);
    } catch (ArithmeticException nonTerminating) {
      return toBaseExact.divide(target.toBaseExact, mc);
    }
  }

  void requireSameDimension(Unit target) {
    if (target.dimension != dimension) {
      throw new UnitMismatchException(this, target);
    }
  }

  /** Finds a unit by its symbol or a common alias, ignoring case. */
  public static Optional<Unit> find(String symbol) {
    return Optional.ofNullable(BY_SYMBOL.get(key(symbol)));
  }

  /**
   * Parses a unit symbol or alias, ignoring case.
   *
   * @throws OffGridFlowException with {@link ErrorCode#UNKNOWN_UNIT} naming the symbol
   */
  public static Unit parse(String symbol) {
    return find(symbol)
        .orElseThrow(
            () ->
                new OffGridFlowException(
                    CoreErrorCode.UNKNOWN_UNIT,
                    "unknown unit '"
                        + symbol
                        + "'; known units: kWh, kWh_gcv, kWh_ncv, MWh, GJ, MMBtu, therm, L, m3,"
                        + " gal, scf, Mcf, g, kg, t, lb, short_ton, m, km, mile, vehicle-km,"
                        + " vehicle-mile, passenger-km, passenger-mile, vCPU-hour, GB, TB,"
                        + " GB-hour, TB-hour, GB-month"));
  }

  @Override
  public String toString() {
    return symbol;
  }
}
