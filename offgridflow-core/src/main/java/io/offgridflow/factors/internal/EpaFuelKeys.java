package io.offgridflow.factors.internal;

import java.util.List;
import java.util.Map;

/**
 * The subject keys of EPA Hub Table 1 fuels: canonical keys where the snake case of EPA's row name
 * is not a good key, and the documented aliases (each alias gets its own factor). Mirrored in
 * {@code docs/factor-keys.md}; a test checks that every key listed there resolves.
 */
final class EpaFuelKeys {
  private EpaFuelKeys() {}

  /** EPA fuel_type to canonical subject, where snake case of the name is not used. */
  static final Map<String, String> CANONICAL = Map.ofEntries(
      Map.entry("Liquefied Petroleum Gases (LPG)", "lpg"),
      Map.entry("Naphtha (<401 deg F)", "naphtha"),
      Map.entry("Other Oil (>401 deg F)", "other_oil"),
      Map.entry("Petroleum Coke (Solid)", "petroleum_coke"),
      Map.entry("Biodiesel (100%)", "biodiesel_100"),
      Map.entry("Ethanol (100%)", "ethanol_100"),
      Map.entry("Mixed (Commercial Sector)", "coal_mixed_commercial_sector"),
      Map.entry("Mixed (Electric Power Sector)", "coal_mixed_electric_power_sector"),
      Map.entry("Mixed (Industrial Coking)", "coal_mixed_industrial_coking"),
      Map.entry("Mixed (Industrial Sector)", "coal_mixed_industrial_sector"));

  /** Prefix for the kraft pulping liquor rows, whose names (e.g. "Bagasse") repeat solid fuels. */
  static final String KRAFT_PREFIX = "kraft_liquor_";

  /** Canonical Table 1 subject to its aliases. */
  static final Map<String, List<String>> STATIONARY_ALIASES = Map.ofEntries(
      Map.entry("distillate_fuel_oil_no_2", List.of("diesel", "fuel_oil_2")),
      Map.entry("distillate_fuel_oil_no_1", List.of("fuel_oil_1")),
      Map.entry("distillate_fuel_oil_no_4", List.of("fuel_oil_4")),
      Map.entry("residual_fuel_oil_no_5", List.of("fuel_oil_5")),
      Map.entry("residual_fuel_oil_no_6", List.of("fuel_oil_6")),
      Map.entry("kerosene_type_jet_fuel", List.of("jet_fuel")),
      Map.entry("motor_gasoline", List.of("gasoline")),
      Map.entry("biodiesel_100", List.of("biodiesel")),
      Map.entry("ethanol_100", List.of("ethanol")),
      Map.entry("municipal_solid_waste", List.of("msw")));

  /** A Table 2 row's subject and aliases; {@code biogenic} when its CO2 is biogenic. */
  record MobileKey(String subject, List<String> aliases, boolean biogenic) {}

  /** EPA Hub Table 2 fuel_type to subject. */
  static final Map<String, MobileKey> MOBILE = Map.ofEntries(
      Map.entry("Aviation Gasoline", new MobileKey("aviation_gasoline", List.of(), false)),
      Map.entry("Biodiesel (100%)", new MobileKey("biodiesel", List.of(), true)),
      Map.entry("Compressed Natural Gas (CNG)", new MobileKey("cng", List.of(), false)),
      Map.entry("Diesel Fuel", new MobileKey("diesel", List.of(), false)),
      Map.entry("Ethanol (100%)", new MobileKey("ethanol", List.of(), true)),
      Map.entry("Kerosene-Type Jet Fuel", new MobileKey("jet_fuel", List.of(), false)),
      Map.entry("Liquefied Natural Gas (LNG)", new MobileKey("lng", List.of(), false)),
      Map.entry("Liquefied Petroleum Gases (LPG)", new MobileKey("lpg", List.of(), false)),
      Map.entry("Motor Gasoline", new MobileKey("motor_gasoline", List.of("gasoline"), false)),
      Map.entry("Residual Fuel Oil", new MobileKey("residual_fuel_oil", List.of(), false)));

  /** A Table 10 row's subject and aliases. */
  record TravelKey(String subject, List<String> aliases) {}

  /** EPA Hub Table 10 vehicle_type (with EPA's footnote letter) to subject. */
  static final Map<String, TravelKey> TRAVEL = Map.ofEntries(
      Map.entry("Passenger Car A", new TravelKey("passenger_car", List.of())),
      Map.entry("Light-Duty Truck B", new TravelKey("light_truck", List.of())),
      Map.entry("Motorcycle", new TravelKey("motorcycle", List.of())),
      Map.entry("Intercity Rail - Northeast Corridor C", new TravelKey("rail_intercity_northeast", List.of())),
      Map.entry("Intercity Rail - Other Routes C", new TravelKey("rail_intercity_other", List.of())),
      Map.entry("Intercity Rail - National Average C", new TravelKey("rail_intercity", List.of("rail"))),
      Map.entry("Commuter Rail D", new TravelKey("commuter_rail", List.of())),
      Map.entry("Transit Rail (i.e. Subway, Tram) E", new TravelKey("transit_rail", List.of("subway", "tram"))),
      Map.entry("Bus", new TravelKey("bus", List.of())),
      Map.entry("Air Travel - Short Haul (< 300 miles)", new TravelKey("air_short_haul", List.of())),
      Map.entry("Air Travel - Medium Haul (>= 300 miles, < 2300 miles)", new TravelKey("air_medium_haul", List.of())),
      Map.entry("Air Travel - Long Haul (>= 2300 miles)", new TravelKey("air_long_haul", List.of())));

  /** EPA Hub Table 7 subjects: steam, and heat as an alias. */
  static final List<String> STEAM = List.of("steam", "heat");
}
