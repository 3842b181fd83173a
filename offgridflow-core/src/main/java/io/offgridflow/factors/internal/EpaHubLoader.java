package io.offgridflow.factors.internal;

import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.EmissionFactor;
import io.offgridflow.factors.FactorCategory;
import io.offgridflow.factors.spi.FactorSource;
import io.offgridflow.units.Unit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EPA GHG Emission Factors Hub 2025: Table 1 (stationary combustion), Table 2 (mobile CO2), Table
 * 7 (steam and heat, transcribed) and Table 10 (business travel). Tables 11-12 feed the GWP tables
 * instead ({@link GwpLoader}). Every factor is for region {@code US}.
 */
final class EpaHubLoader {
  static final DatasetInfo DATASET = new DatasetInfo("epa-hub-2025", "EPA GHG Emission Factors Hub", "US EPA",
      "2025 (January 2025)", LocalDate.of(2025, 1, 1), "US public domain", DatasetInfo.Tier.PRIMARY);

  static final String TABLE1 = "epa_hub2025_table1_stationary_combustion.csv";
  static final String TABLE2 = "epa_hub2025_table2_mobile_co2.csv";
  static final String TABLE7 = "table7_steam_heat.csv";
  static final String TABLE10 = "epa_hub2025_table10_business_travel.csv";

  private static final String REGION = "US";
  private static final double G_PER_KG = 1000.0;

  private EpaHubLoader() {}

  static FactorSource load() {
    SourceBuilder out = new SourceBuilder(DATASET);
    table1(out);
    table2(out);
    table7(out);
    table10(out);
    return out.build();
  }

  /** Per-gas values of one row in one unit, with the printed digits. */
  private record Gases(CsvRow.Num co2, CsvRow.Num ch4g, CsvRow.Num n2og, String unitLabel) {
    String published(boolean biogenic, String table) {
      return co2 + " kg " + (biogenic ? "biogenic CO2" : "CO2") + "/" + unitLabel + "; "
          + ch4g + " g CH4/" + unitLabel + "; " + n2og + " g N2O/" + unitLabel + " (EPA Hub 2025 " + table + ")";
    }
  }

  private static void table1(SourceBuilder out) {
    CsvTable t = CsvReader.resource(DATASET.id(), TABLE1).requireColumns("fuel_category", "fuel_type",
        "kg_co2_per_mmbtu", "g_ch4_per_mmbtu", "g_n2o_per_mmbtu", "kg_co2_per_unit", "g_ch4_per_unit",
        "g_n2o_per_unit", "physical_unit", "source_row");
    for (CsvRow r : t.rows()) {
      String category = Keys.tidy(r.required("fuel_category"));
      String fuel = r.required("fuel_type");
      String subject = canonicalSubject(category, fuel);
      // EPA files biomass CO2 as biogenic: reported outside the scopes, CH4 and N2O stay in scope 1.
      boolean biogenic = category.startsWith("Biomass");
      List<Gases> variants = new ArrayList<>(2);
      variants.add(new Gases(r.number("kg_co2_per_mmbtu"), r.number("g_ch4_per_mmbtu"),
          r.number("g_n2o_per_mmbtu"), "mmBtu"));
      Unit physical = null;
      String unitText = r.text("physical_unit");
      if (!unitText.isEmpty()) {
        physical = physicalUnit(r, unitText);
        variants.add(new Gases(r.number("kg_co2_per_unit"), r.number("g_ch4_per_unit"),
            r.number("g_n2o_per_unit"), unitText));
      }
      List<String> subjects = withAliases(subject, EpaFuelKeys.STATIONARY_ALIASES.getOrDefault(subject, List.of()));
      for (Gases g : variants) {
        Unit unit = g.unitLabel().equals("mmBtu") ? Unit.MMBTU : physical;
        for (String s : subjects) {
          EmissionFactor.Builder b = out.factor()
              .id(DATASET.id() + ":stationary:" + s + ":" + Keys.unitToken(unit))
              .category(FactorCategory.STATIONARY_FUEL)
              .subject(s)
              .region(REGION)
              .name(fuel + " (" + category + "), stationary combustion, per " + g.unitLabel())
              .unit(unit)
              .published(g.published(biogenic, "Table 1"))
              .sourceRef("Table 1 " + r.text("source_row"));
          if (biogenic) {
            b.gases(0, g.ch4g().value() / G_PER_KG, g.n2og().value() / G_PER_KG).biogenicCo2(g.co2().value());
          } else {
            b.gases(g.co2().value(), g.ch4g().value() / G_PER_KG, g.n2og().value() / G_PER_KG);
          }
          out.add(b.build(), r.where());
        }
      }
    }
  }

  /** The Table 1 subject of a row: an override, a kraft-liquor key, or the snake case of the name. */
  static String canonicalSubject(String fuelCategory, String fuelType) {
    String override = EpaFuelKeys.CANONICAL.get(fuelType);
    if (override != null) {
      return override;
    }
    if (fuelCategory.contains("Kraft")) {
      return EpaFuelKeys.KRAFT_PREFIX + Keys.snake(fuelType);
    }
    return Keys.snake(fuelType);
  }

  private static Unit physicalUnit(CsvRow r, String text) {
    return switch (text) {
      case "short ton" -> Unit.SHORT_TON;
      case "scf" -> Unit.SCF;
      case "gallon" -> Unit.US_GALLON;
      default -> throw CsvReader.fail(r.resource(), r.line(),
          "physical_unit '" + text + "' is not one of short ton, scf, gallon");
    };
  }

  private static void table2(SourceBuilder out) {
    CsvTable t = CsvReader.resource(DATASET.id(), TABLE2).requireColumns("fuel_type", "kg_co2_per_unit", "unit",
        "source_row");
    for (CsvRow r : t.rows()) {
      String fuel = r.required("fuel_type");
      EpaFuelKeys.MobileKey key = EpaFuelKeys.MOBILE.get(fuel);
      if (key == null) {
        throw CsvReader.fail(r.resource(), r.line(), "fuel_type '" + fuel + "' has no subject key in EpaFuelKeys.MOBILE");
      }
      String unitText = r.required("unit");
      Unit unit = physicalUnit(r, unitText);
      CsvRow.Num co2 = r.number("kg_co2_per_unit");
      for (String s : withAliases(key.subject(), key.aliases())) {
        EmissionFactor.Builder b = out.factor()
            .id(DATASET.id() + ":mobile:" + s + ":" + Keys.unitToken(unit))
            .category(FactorCategory.MOBILE_FUEL)
            .subject(s)
            .region(REGION)
            .name(fuel + ", mobile combustion CO2, per " + unitText)
            .unit(unit)
            .published(co2 + " kg " + (key.biogenic() ? "biogenic CO2" : "CO2") + "/" + unitText
                + "; Table 2 gives CO2 only (EPA Hub 2025 Table 2)")
            .sourceRef("Table 2 " + r.text("source_row"));
        // Table 2 has no CH4/N2O: they depend on vehicle type and are in Tables 3-5, not bundled.
        if (key.biogenic()) {
          b.gases(0, 0, 0).biogenicCo2(co2.value());
        } else {
          b.gases(co2.value(), 0, 0);
        }
        out.add(b.build(), r.where());
      }
    }
  }

  private static void table7(SourceBuilder out) {
    CsvTable t = CsvReader.resource(DATASET.id(), TABLE7).requireColumns("fuel_type", "kg_co2_per_mmbtu",
        "g_ch4_per_mmbtu", "g_n2o_per_mmbtu", "source_row");
    if (t.rows().size() != 1) {
      throw CsvReader.fail(t.resource(), 2, "expected exactly one Steam and Heat row, found " + t.rows().size());
    }
    CsvRow r = t.rows().get(0);
    Gases g = new Gases(r.number("kg_co2_per_mmbtu"), r.number("g_ch4_per_mmbtu"), r.number("g_n2o_per_mmbtu"),
        "mmBtu");
    for (String s : EpaFuelKeys.STEAM) {
      out.add(out.factor()
          .id(DATASET.id() + ":steam_heat:" + s + ":mmbtu")
          .category(FactorCategory.STEAM_HEAT)
          .subject(s)
          .region(REGION)
          .name(r.required("fuel_type") + " (purchased), per mmBtu")
          .unit(Unit.MMBTU)
          .gases(g.co2().value(), g.ch4g().value() / G_PER_KG, g.n2og().value() / G_PER_KG)
          .published(g.published(false, "Table 7, transcribed"))
          .sourceRef(r.text("source_row"))
          .build(), r.where());
    }
  }

  private static void table10(SourceBuilder out) {
    CsvTable t = CsvReader.resource(DATASET.id(), TABLE10).requireColumns("vehicle_type", "kg_co2_per_unit",
        "g_ch4_per_unit", "g_n2o_per_unit", "unit", "source_row");
    Map<String, Unit> units = Map.of("vehicle-mile", Unit.VEHICLE_MILE, "passenger-mile", Unit.PASSENGER_MILE);
    for (CsvRow r : t.rows()) {
      String type = r.required("vehicle_type");
      EpaFuelKeys.TravelKey key = EpaFuelKeys.TRAVEL.get(type);
      if (key == null) {
        throw CsvReader.fail(r.resource(), r.line(), "vehicle_type '" + type + "' has no subject key in EpaFuelKeys.TRAVEL");
      }
      String unitText = r.required("unit");
      Unit unit = units.get(unitText);
      if (unit == null) {
        throw CsvReader.fail(r.resource(), r.line(), "unit '" + unitText + "' is not vehicle-mile or passenger-mile");
      }
      FactorCategory category =
          unit == Unit.VEHICLE_MILE ? FactorCategory.VEHICLE_DISTANCE : FactorCategory.PASSENGER_DISTANCE;
      Gases g = new Gases(r.number("kg_co2_per_unit"), r.number("g_ch4_per_unit"), r.number("g_n2o_per_unit"),
          unitText);
      // EPA marks rows with footnote letters ("Passenger Car A"); they are not part of the name.
      String name = type.replaceAll(" [A-E]$", "");
      for (String s : withAliases(key.subject(), key.aliases())) {
        out.add(out.factor()
            .id(DATASET.id() + ":travel:" + s)
            .category(category)
            .subject(s)
            .region(REGION)
            .name(name + ", business travel, per " + unitText)
            .unit(unit)
            .gases(g.co2().value(), g.ch4g().value() / G_PER_KG, g.n2og().value() / G_PER_KG)
            .published(g.published(false, "Table 10"))
            .sourceRef("Table 10 " + r.text("source_row"))
            .scope3Category(6)
            .build(), r.where());
      }
    }
  }

  static List<String> withAliases(String subject, List<String> aliases) {
    List<String> all = new ArrayList<>(1 + aliases.size());
    all.add(subject);
    all.addAll(aliases);
    return all;
  }
}
