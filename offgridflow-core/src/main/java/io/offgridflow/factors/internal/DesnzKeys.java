package io.offgridflow.factors.internal;

import io.offgridflow.factors.FactorCategory;
import io.offgridflow.units.Unit;
import java.util.List;
import java.util.Map;

/**
 * How DESNZ 2024 flat-file rows (Level 1-4, Column Text, UOM) map to subject keys. Mirrored in
 * {@code docs/factor-keys.md}. Every entry must match a row of the file, so a renamed row fails
 * the load instead of silently dropping a factor.
 */
final class DesnzKeys {
  private DesnzKeys() {}

  /** A subject key and its aliases (each alias gets its own factor). */
  record Key(String subject, List<String> aliases) {
    static Key of(String subject, String... aliases) {
      return new Key(subject, List.of(aliases));
    }
  }

  /** Level 1 "Fuels", by Level 3. Each becomes a STATIONARY_FUEL and a MOBILE_FUEL factor. */
  static final Map<String, Key> FUELS = Map.ofEntries(
      Map.entry("Butane", Key.of("butane")),
      Map.entry("CNG", Key.of("cng")),
      Map.entry("LNG", Key.of("lng")),
      Map.entry("LPG", Key.of("lpg")),
      Map.entry("Natural gas", Key.of("natural_gas")),
      Map.entry("Natural gas (100% mineral blend)", Key.of("natural_gas_mineral")),
      Map.entry("Other petroleum gas", Key.of("other_petroleum_gas")),
      Map.entry("Propane", Key.of("propane")),
      Map.entry("Aviation spirit", Key.of("aviation_spirit", "aviation_gasoline")),
      Map.entry("Aviation turbine fuel", Key.of("aviation_turbine_fuel", "jet_fuel")),
      Map.entry("Burning oil", Key.of("burning_oil", "kerosene")),
      Map.entry("Diesel (average biofuel blend)", Key.of("diesel")),
      Map.entry("Diesel (100% mineral diesel)", Key.of("diesel_mineral")),
      Map.entry("Fuel oil", Key.of("fuel_oil")),
      Map.entry("Gas oil", Key.of("gas_oil")),
      Map.entry("Lubricants", Key.of("lubricants")),
      Map.entry("Naphtha", Key.of("naphtha")),
      Map.entry("Petrol (average biofuel blend)", Key.of("petrol", "motor_gasoline", "gasoline")),
      Map.entry("Petrol (100% mineral petrol)", Key.of("petrol_mineral")),
      Map.entry("Processed fuel oils - residual oil", Key.of("processed_fuel_oils_residual_oil")),
      Map.entry("Processed fuel oils - distillate oil", Key.of("processed_fuel_oils_distillate_oil")),
      Map.entry("Refinery miscellaneous", Key.of("refinery_miscellaneous")),
      Map.entry("Waste oils", Key.of("waste_oils")),
      Map.entry("Marine gas oil", Key.of("marine_gas_oil")),
      Map.entry("Marine fuel oil", Key.of("marine_fuel_oil")),
      Map.entry("Coal (industrial)", Key.of("coal_industrial")),
      Map.entry("Coal (electricity generation)", Key.of("coal_electricity_generation")),
      Map.entry("Coal (domestic)", Key.of("coal_domestic")),
      Map.entry("Coking coal", Key.of("coking_coal")),
      Map.entry("Petroleum coke", Key.of("petroleum_coke")),
      Map.entry("Coal (electricity generation - home produced coal only)",
          Key.of("coal_electricity_generation_home_produced")));

  /**
   * Level 1 "Bioenergy", by Level 3 (matched case-insensitively: the Outside-of-scopes sheet spells
   * "Biodiesel ME (from Tallow)" where Bioenergy has "tallow"). Development diesel/petrol are keyed
   * noun-first like {@code diesel_mineral}.
   */
  static final Map<String, Key> BIOENERGY = Map.ofEntries(
      Map.entry("Bioethanol", Key.of("bioethanol")),
      Map.entry("Biodiesel ME", Key.of("biodiesel_me")),
      Map.entry("Biomethane (compressed)", Key.of("biomethane_compressed")),
      Map.entry("Biodiesel ME (from used cooking oil)", Key.of("biodiesel_me_used_cooking_oil")),
      Map.entry("Biodiesel ME (from tallow)", Key.of("biodiesel_me_tallow")),
      Map.entry("Biodiesel HVO", Key.of("biodiesel_hvo", "hvo")),
      Map.entry("Biopropane", Key.of("biopropane")),
      Map.entry("Development diesel", Key.of("diesel_development")),
      Map.entry("Development petrol", Key.of("petrol_development")),
      Map.entry("Off road biodiesel", Key.of("biodiesel_off_road")),
      Map.entry("Biomethane (liquified)", Key.of("biomethane_liquified")),
      Map.entry("Methanol (bio)", Key.of("methanol_bio")),
      Map.entry("Avtur (renewable)", Key.of("avtur_renewable")),
      Map.entry("Wood logs", Key.of("wood_logs")),
      Map.entry("Wood chips", Key.of("wood_chips")),
      Map.entry("Wood pellets", Key.of("wood_pellets")),
      Map.entry("Grass/straw", Key.of("grass_straw")),
      Map.entry("Biogas", Key.of("biogas")),
      Map.entry("Landfill gas", Key.of("landfill_gas")));

  /** Bioenergy Level 2 groups that are also vehicle fuels (the rest are stationary only). */
  static final List<String> BIOENERGY_MOBILE_LEVEL2 = List.of("Biofuel");

  /** Flat-file UOM to unit. "kWh" alone is used only where DESNZ gives one kWh basis (grid, heat). */
  static final Map<String, Unit> UNITS = Map.of(
      "tonnes", Unit.TONNE,
      "litres", Unit.LITRE,
      "cubic metres", Unit.CUBIC_METRE,
      "kWh (Gross CV)", Unit.KWH_GCV,
      "kWh (Net CV)", Unit.KWH_NCV,
      "kg", Unit.KILOGRAM,
      "passenger.km", Unit.PASSENGER_KM);

  /** Flights (Level 3) to subject base. */
  static final Map<String, String> AIR_HAUL = Map.of(
      "Domestic, to/from UK", "air_domestic",
      "Short-haul, to/from UK", "air_short_haul",
      "Long-haul, to/from UK", "air_long_haul",
      "International, to/from non-UK", "air_international");

  /** Flights (Level 4) class to subject suffix. */
  static final Map<String, String> AIR_CLASS = Map.of(
      "Average passenger", "",
      "Economy class", "_economy",
      "Premium economy class", "_premium_economy",
      "Business class", "_business",
      "First class", "_first");

  /** Radiative forcing variants: "Without RF" is the plain key, "With RF" gets {@code :rf}. */
  static final Map<String, String> AIR_RF = Map.of("Without RF", "", "With RF", ":rf");

  /** One exact flat-file row group and what it becomes. */
  record Row(String level1, String level2, String level3, String level4, String columnText, String uom,
      FactorCategory category, Unit unit, Key key, int scope3Category) {}

  private static Row land(String l2, String l3, String col, String uom, FactorCategory cat, Unit unit, Key key) {
    return new Row("Business travel- land", l2, l3, "", col, uom, cat, unit, key, 6);
  }

  private static Row car(String l3, String fuel, String subject) {
    return land("Cars (by size)", l3, fuel, "km", FactorCategory.VEHICLE_DISTANCE, Unit.VEHICLE_KM, Key.of(subject));
  }

  private static Row passenger(String l2, String l3, Key key) {
    return land(l2, l3, "", "passenger.km", FactorCategory.PASSENGER_DISTANCE, Unit.PASSENGER_KM, key);
  }

  /** Explicitly mapped rows: UK electricity, heat and steam, land travel (km rows, not miles). */
  static final List<Row> ROWS = List.of(
      new Row("UK electricity", "Electricity generated", "Electricity: UK", "kWh", "", "kWh",
          FactorCategory.GRID_ELECTRICITY, Unit.KWH, Key.of(""), 0),
      new Row("Heat and steam", "Heat and steam", "Onsite heat and steam", "kWh", "", "kWh",
          FactorCategory.STEAM_HEAT, Unit.KWH, Key.of("steam"), 0),
      new Row("Heat and steam", "Heat and steam", "District heat and steam", "kWh", "", "kWh",
          FactorCategory.STEAM_HEAT, Unit.KWH, Key.of("district_heat"), 0),
      car("Average car", "Unknown", "passenger_car"),
      car("Average car", "Diesel", "passenger_car_diesel"),
      car("Average car", "Petrol", "passenger_car_petrol"),
      car("Average car", "Hybrid", "passenger_car_hybrid"),
      car("Average car", "CNG", "passenger_car_cng"),
      car("Average car", "LPG", "passenger_car_lpg"),
      car("Average car", "Plug-in Hybrid Electric Vehicle", "passenger_car_phev"),
      car("Average car", "Battery Electric Vehicle", "passenger_car_bev"),
      car("Small car", "Unknown", "small_car"),
      car("Medium car", "Unknown", "medium_car"),
      car("Large car", "Unknown", "large_car"),
      land("Motorbike", "Average", "", "km", FactorCategory.VEHICLE_DISTANCE, Unit.VEHICLE_KM, Key.of("motorcycle")),
      land("Motorbike", "Small", "", "km", FactorCategory.VEHICLE_DISTANCE, Unit.VEHICLE_KM, Key.of("motorcycle_small")),
      land("Motorbike", "Medium", "", "km", FactorCategory.VEHICLE_DISTANCE, Unit.VEHICLE_KM,
          Key.of("motorcycle_medium")),
      land("Motorbike", "Large", "", "km", FactorCategory.VEHICLE_DISTANCE, Unit.VEHICLE_KM, Key.of("motorcycle_large")),
      land("Taxis", "Regular taxi", "", "km", FactorCategory.VEHICLE_DISTANCE, Unit.VEHICLE_KM, Key.of("taxi")),
      land("Taxis", "Black cab", "", "km", FactorCategory.VEHICLE_DISTANCE, Unit.VEHICLE_KM, Key.of("black_cab")),
      passenger("Taxis", "Regular taxi", Key.of("taxi")),
      passenger("Taxis", "Black cab", Key.of("black_cab")),
      passenger("Bus", "Average local bus", Key.of("bus")),
      passenger("Bus", "Local bus (not London)", Key.of("local_bus")),
      passenger("Bus", "Local London bus", Key.of("london_bus")),
      passenger("Bus", "Coach", Key.of("coach")),
      passenger("Rail", "National rail", Key.of("rail")),
      passenger("Rail", "International rail", Key.of("international_rail")),
      passenger("Rail", "Light rail and tram", Key.of("light_rail_tram", "tram")),
      passenger("Rail", "London Underground", Key.of("underground", "subway")));
}
