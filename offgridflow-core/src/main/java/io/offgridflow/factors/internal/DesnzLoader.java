package io.offgridflow.factors.internal;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.EmissionFactor;
import io.offgridflow.factors.FactorCategory;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.factors.spi.FactorSource;
import io.offgridflow.units.Unit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UK DESNZ greenhouse gas conversion factors 2024 (flat file v1.1). DESNZ publishes kg CO2e per
 * unit for each gas, computed with AR5 GWPs; the masses are recovered as CH4 = CO2e/28 and N2O =
 * CO2e/265 so other GWP sets can be applied, and the published total is kept as the AR5 CO2e so
 * AR5 results reproduce DESNZ to the digit.
 */
final class DesnzLoader {
  private static final Logger LOG = LoggerFactory.getLogger(DesnzLoader.class);

  static final DatasetInfo DATASET = new DatasetInfo("desnz-2024",
      "UK Government GHG Conversion Factors for Company Reporting", "UK DESNZ", "2024 v1.1 (flat file)",
      LocalDate.of(2024, 7, 8), "Open Government Licence v3.0", DatasetInfo.Tier.PRIMARY);
  static final String FILE = "desnz_ghg_conversion_factors_2024_v1.1.csv";

  /** The AR5 GWPs DESNZ 2024 used to turn gas masses into the CO2e it publishes. */
  static final double AR5_CH4 = 28;
  static final double AR5_N2O = 265;

  private static final String REGION = "GB";
  private static final String TOTAL = "kg CO2e";
  private static final String CO2 = "kg CO2e of CO2 per unit";
  private static final String CH4 = "kg CO2e of CH4 per unit";
  private static final String N2O = "kg CO2e of N2O per unit";
  private static final String COLUMN = "GHG Conversion Factor 2024";

  /** The Level 1 sections the loader maps; rows of other sections are not decoded. */
  private static final Set<String> LEVEL1_USED = Set.of("Fuels", "Bioenergy", "Outside of scopes",
      "UK electricity", "Heat and steam", "Business travel- air", "Business travel- land");

  private DesnzLoader() {}

  /** The six columns that identify one published factor (its gases are separate rows). */
  record GroupKey(String level1, String level2, String level3, String level4, String columnText, String uom) {
    // Hand-written for the same reason as FactorCatalog's ResolutionKey: one map lookup per row of
    // the 1 MB file, in a fresh JVM.
    @Override
    public int hashCode() {
      int h = level1.hashCode();
      h = h * 31 + level2.hashCode();
      h = h * 31 + level3.hashCode();
      h = h * 31 + level4.hashCode();
      h = h * 31 + columnText.hashCode();
      return h * 31 + uom.hashCode();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof GroupKey k && level1.equals(k.level1) && level2.equals(k.level2)
          && level3.equals(k.level3) && level4.equals(k.level4) && columnText.equals(k.columnText)
          && uom.equals(k.uom);
    }

    String label() {
      List<String> parts = new ArrayList<>();
      for (String p : List.of(level2, level3, level4, columnText)) {
        if (!p.isEmpty()) {
          parts.add(p);
        }
      }
      return level1 + ": " + String.join(", ", parts) + ", per " + uom;
    }
  }

  /** The rows of one group, by GHG/Unit. */
  static final class Group {
    final GroupKey key;
    final Map<String, CsvRow> byGas = new HashMap<>(4);

    Group(GroupKey key) {
      this.key = key;
    }

    CsvRow first() {
      return byGas.values().iterator().next();
    }

    boolean has(String gas) {
      return byGas.containsKey(gas);
    }

    CsvRow row(String gas) {
      CsvRow r = byGas.get(gas);
      if (r == null) {
        throw CsvReader.fail(first().resource(), first().line(),
            "'" + key.label() + "' has no '" + gas + "' row; found " + byGas.keySet());
      }
      return r;
    }

    /** DESNZ leaves every cell of a unit blank where it publishes no factor for it. */
    boolean allBlank() {
      for (CsvRow r : byGas.values()) {
        if (!r.isEmptyRaw(COLUMN)) {
          return false;
        }
      }
      return true;
    }

    CsvRow.Num value(String gas) {
      return row(gas).number(COLUMN);
    }
  }

  static FactorSource load() {
    CsvTable t = CsvReader.resource(DATASET.id(), FILE).requireColumns("ID", "Scope", "Level 1", "Level 2",
        "Level 3", "Level 4", "Column Text", "UOM", "GHG/Unit", COLUMN);
    Map<GroupKey, Group> groups = group(t);
    SourceBuilder out = new SourceBuilder(DATASET);
    Map<String, CsvRow.Num> forecourtBiogenic = outsideOfScopes(groups, "Forecourt fuels containing biofuel");
    fuels(groups, forecourtBiogenic, out);
    bioenergy(groups, out);
    rows(groups, out);
    air(groups, out);
    return out.build();
  }

  private static Map<GroupKey, Group> group(CsvTable t) {
    Map<GroupKey, Group> groups = new LinkedHashMap<>();
    for (CsvRow r : t.rows()) {
      String level1 = r.text("Level 1");
      if (!LEVEL1_USED.contains(level1)) {
        continue; // most of the file (freight, waste, WTT, ...) is not bundled; skip it cheaply
      }
      GroupKey k = new GroupKey(level1, r.text("Level 2"), r.text("Level 3"), r.text("Level 4"),
          r.text("Column Text"), r.text("UOM"));
      Group g = groups.computeIfAbsent(k, Group::new);
      CsvRow prior = g.byGas.putIfAbsent(r.text("GHG/Unit"), r);
      if (prior != null) {
        throw CsvReader.fail(r.resource(), r.line(), "'" + k.label() + "' repeats GHG/Unit '" + r.text("GHG/Unit")
            + "' of line " + prior.line());
      }
    }
    return groups;
  }

  /** Biogenic CO2 per unit from the Outside-of-scopes sheet, keyed by lower-case Level 3 and UOM. */
  private static Map<String, CsvRow.Num> outsideOfScopes(Map<GroupKey, Group> groups, String level2) {
    Map<String, CsvRow.Num> out = new HashMap<>();
    for (Group g : groups.values()) {
      if (g.key.level1().equals("Outside of scopes") && g.key.level2().equals(level2) && !g.allBlank()) {
        out.put(biogenicKey(g.key.level3(), g.key.uom()), g.value(CO2));
      }
    }
    return out;
  }

  private static String biogenicKey(String level3, String uom) {
    return level3.toLowerCase(Locale.ROOT) + "|" + uom;
  }

  private static void fuels(Map<GroupKey, Group> groups, Map<String, CsvRow.Num> biogenic, SourceBuilder out) {
    Set<String> seen = new TreeSet<>();
    Map<String, List<Group>> byFuel = new LinkedHashMap<>();
    for (Group g : groups.values()) {
      if (g.key.level1().equals("Fuels")) {
        if (!DesnzKeys.FUELS.containsKey(g.key.level3())) {
          throw CsvReader.fail(g.first().resource(), g.first().line(),
              "Level 3 '" + g.key.level3() + "' of Fuels has no subject key in DesnzKeys.FUELS");
        }
        byFuel.computeIfAbsent(g.key.level3(), x -> new ArrayList<>()).add(g);
      }
    }
    Set<String> kwhBiogenicLeftOut = new TreeSet<>();
    for (Map.Entry<String, List<Group>> e : byFuel.entrySet()) {
      DesnzKeys.Key key = DesnzKeys.FUELS.get(e.getKey());
      seen.add(e.getKey());
      List<Group> published = new ArrayList<>();
      for (Group g : e.getValue()) {
        if (g.allBlank()) {
          LOG.debug("DESNZ publishes no {} factor per {}", g.key.level3(), g.key.uom());
        } else {
          published.add(g);
        }
      }
      for (Group g : oneUnitPerDimension(published)) {
        Unit unit = unit(g);
        CsvRow.Num bio = biogenic.get(biogenicKey(g.key.level3(), g.key.uom()));
        if (biogenic.containsKey(biogenicKey(g.key.level3(), "kWh"))) {
          // DESNZ's outside-of-scopes kWh rows do not say gross or net CV; attaching them to
          // either basis would be a guess, so the biogenic CO2 of kWh factors is left out.
          kwhBiogenicLeftOut.add(g.key.level3());
        }
        for (FactorCategory cat : List.of(FactorCategory.STATIONARY_FUEL, FactorCategory.MOBILE_FUEL)) {
          for (String s : EpaHubLoader.withAliases(key.subject(), key.aliases())) {
            EmissionFactor.Builder b = perGas(out, g, cat, s, unit, idPrefix(cat) + s + ":" + Keys.unitToken(unit), 0);
            if (bio != null) {
              b.biogenicCo2(bio.value());
            }
            out.add(b.build(), g.first().where());
          }
        }
      }
    }
    requireAllSeen("Fuels", DesnzKeys.FUELS.keySet(), seen);
    if (!kwhBiogenicLeftOut.isEmpty()) {
      LOG.debug("DESNZ outside-of-scopes biogenic CO2 per kWh (CV basis not stated) not attached for {}",
          kwhBiogenicLeftOut);
    }
  }

  /**
   * Resolution is by dimension, so a fuel may have only one volume unit: when DESNZ gives both
   * litres and cubic metres, litres are kept for liquid fuels and cubic metres for gaseous ones.
   */
  private static List<Group> oneUnitPerDimension(List<Group> fuelGroups) {
    Map<io.offgridflow.units.Dimension, Group> byDim = new EnumMap<>(io.offgridflow.units.Dimension.class);
    for (Group g : fuelGroups) {
      Unit u = unit(g);
      Group prior = byDim.get(u.dimension());
      if (prior == null) {
        byDim.put(u.dimension(), g);
        continue;
      }
      Unit pu = unit(prior);
      boolean liquid = g.key.level2().equals("Liquid fuels");
      boolean volumePair = (u == Unit.LITRE && pu == Unit.CUBIC_METRE) || (u == Unit.CUBIC_METRE && pu == Unit.LITRE);
      if (!volumePair) {
        throw CsvReader.fail(g.first().resource(), g.first().line(), "'" + g.key.label() + "' has a second "
            + u.dimension() + " unit (" + pu.symbol() + " and " + u.symbol() + "); resolution needs one per dimension");
      }
      Unit keep = liquid ? Unit.LITRE : Unit.CUBIC_METRE;
      Group kept = u == keep ? g : prior;
      byDim.put(u.dimension(), kept);
      LOG.debug("DESNZ {}: keeping {} only (one volume unit per fuel)", g.key.level3(), keep.symbol());
    }
    List<Group> kept = new ArrayList<>();
    for (Group g : fuelGroups) {
      if (byDim.get(unit(g).dimension()) == g) {
        kept.add(g);
      }
    }
    return kept;
  }

  private static void bioenergy(Map<GroupKey, Group> groups, SourceBuilder out) {
    Map<String, DesnzKeys.Key> keys = new HashMap<>();
    DesnzKeys.BIOENERGY.forEach((k, v) -> keys.put(k.toLowerCase(Locale.ROOT), v));
    Map<String, CsvRow.Num> biogenic = new HashMap<>();
    for (String l2 : List.of("Biofuel", "Biomass", "Biogas")) {
      biogenic.putAll(outsideOfScopes(groups, l2));
    }
    Set<String> seen = new TreeSet<>();
    Set<String> skippedUnits = new TreeSet<>();
    for (Group g : groups.values()) {
      if (!g.key.level1().equals("Bioenergy")) {
        continue;
      }
      DesnzKeys.Key key = keys.get(g.key.level3().toLowerCase(Locale.ROOT));
      if (key == null) {
        throw CsvReader.fail(g.first().resource(), g.first().line(),
            "Level 3 '" + g.key.level3() + "' of Bioenergy has no subject key in DesnzKeys.BIOENERGY");
      }
      seen.add(g.key.level3().toLowerCase(Locale.ROOT));
      if (g.allBlank()) {
        continue;
      }
      Unit unit = DesnzKeys.UNITS.get(g.key.uom());
      if (unit == null || unit.dimension() == io.offgridflow.units.Dimension.ENERGY
          || unit.dimension() == io.offgridflow.units.Dimension.ENERGY_NET_CV) {
        // Bioenergy gives energy as "GJ" or "kWh" without a gross/net CV basis; a wrong basis
        // would be off by 5-10 %, so only mass and volume units are bundled.
        skippedUnits.add(g.key.uom());
        continue;
      }
      CsvRow.Num total = g.value(TOTAL);
      CsvRow.Num bio = biogenic.get(biogenicKey(g.key.level3(), g.key.uom()));
      List<FactorCategory> cats = DesnzKeys.BIOENERGY_MOBILE_LEVEL2.contains(g.key.level2())
          ? List.of(FactorCategory.STATIONARY_FUEL, FactorCategory.MOBILE_FUEL)
          : List.of(FactorCategory.STATIONARY_FUEL);
      for (FactorCategory cat : cats) {
        for (String s : EpaHubLoader.withAliases(key.subject(), key.aliases())) {
          EmissionFactor.Builder b = out.factor()
              .id(idPrefix(cat) + s + ":" + Keys.unitToken(unit))
              .category(cat)
              .subject(s)
              .region(REGION)
              .name(g.key.label() + suffix(cat))
              .unit(unit)
              // DESNZ gives bioenergy as one CO2e figure (CH4 and N2O; the CO2 is biogenic).
              .co2eOnly(total.value(), GwpSet.AR5)
              .published(total + " kg CO2e/" + g.key.uom() + " (CH4 and N2O, AR5)"
                  + (bio == null ? "" : "; outside of scopes: " + bio + " kg CO2/" + g.key.uom()) + " (DESNZ 2024)")
              .sourceRef(g.row(TOTAL).text("ID"));
          if (bio != null) {
            b.biogenicCo2(bio.value());
          }
          out.add(b.build(), g.first().where());
        }
      }
    }
    requireAllSeen("Bioenergy", keys.keySet(), seen);
    LOG.debug("DESNZ Bioenergy rows per {} left out (no CV basis stated)", skippedUnits);
  }

  private static void rows(Map<GroupKey, Group> groups, SourceBuilder out) {
    for (DesnzKeys.Row m : DesnzKeys.ROWS) {
      GroupKey k = new GroupKey(m.level1(), m.level2(), m.level3(), m.level4(), m.columnText(), m.uom());
      Group g = groups.get(k);
      if (g == null) {
        throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
            CsvReader.DATA_ROOT + DATASET.id() + "/" + FILE + ": no rows for mapped '" + k.label() + "'");
      }
      for (String s : EpaHubLoader.withAliases(m.key().subject(), m.key().aliases())) {
        String id = switch (m.category()) {
          case GRID_ELECTRICITY -> DATASET.id() + ":electricity:" + REGION;
          case STEAM_HEAT -> DATASET.id() + ":steam_heat:" + s;
          default -> DATASET.id() + ":travel:" + s + ":" + Keys.unitToken(m.unit());
        };
        out.add(perGas(out, g, m.category(), s, m.unit(), id, m.scope3Category()).build(), g.first().where());
      }
    }
  }

  private static void air(Map<GroupKey, Group> groups, SourceBuilder out) {
    for (Group g : groups.values()) {
      if (!g.key.level1().equals("Business travel- air")) {
        continue;
      }
      String base = DesnzKeys.AIR_HAUL.get(g.key.level3());
      String cabin = DesnzKeys.AIR_CLASS.get(g.key.level4());
      String rf = DesnzKeys.AIR_RF.get(g.key.columnText());
      Unit unit = DesnzKeys.UNITS.get(g.key.uom());
      if (!g.key.level2().equals("Flights") || base == null || cabin == null || rf == null
          || unit != Unit.PASSENGER_KM) {
        throw CsvReader.fail(g.first().resource(), g.first().line(),
            "air travel row '" + g.key.label() + "' does not fit the DesnzKeys.AIR_* mapping");
      }
      String subject = base + cabin + rf;
      out.add(perGas(out, g, FactorCategory.PASSENGER_DISTANCE, subject, unit,
          DATASET.id() + ":travel:" + subject + ":" + Keys.unitToken(unit), 6).build(), g.first().where());
    }
  }

  /** A factor from a group that has the total and the three per-gas rows. */
  private static EmissionFactor.Builder perGas(SourceBuilder out, Group g, FactorCategory cat, String subject,
      Unit unit, String id, int scope3) {
    CsvRow.Num total = g.value(TOTAL);
    CsvRow.Num co2 = g.value(CO2);
    CsvRow.Num ch4 = g.value(CH4);
    CsvRow.Num n2o = g.value(N2O);
    return out.factor()
        .id(id)
        .category(cat)
        .subject(subject)
        .region(REGION)
        .name(g.key.label() + suffix(cat))
        .unit(unit)
        .gases(co2.value(), ch4.value() / AR5_CH4, n2o.value() / AR5_N2O)
        .co2e(total.value(), GwpSet.AR5)
        .published("total " + total + " kg CO2e/" + g.key.uom() + "; CO2 " + co2 + ", CH4 " + ch4 + ", N2O " + n2o
            + " kg CO2e/" + g.key.uom() + " (DESNZ 2024, AR5)")
        .sourceRef(g.row(TOTAL).text("ID"))
        .scope3Category(scope3);
  }

  private static Unit unit(Group g) {
    Unit u = DesnzKeys.UNITS.get(g.key.uom());
    if (u == null) {
      throw CsvReader.fail(g.first().resource(), g.first().line(),
          "UOM '" + g.key.uom() + "' of '" + g.key.label() + "' has no unit in DesnzKeys.UNITS");
    }
    return u;
  }

  private static String idPrefix(FactorCategory cat) {
    return DATASET.id() + (cat == FactorCategory.MOBILE_FUEL ? ":mobile:" : ":stationary:");
  }

  private static String suffix(FactorCategory cat) {
    return switch (cat) {
      case STATIONARY_FUEL -> " (stationary combustion)";
      case MOBILE_FUEL -> " (mobile combustion)";
      default -> "";
    };
  }

  private static void requireAllSeen(String what, Set<String> mapped, Set<String> seen) {
    Set<String> missing = new TreeSet<>(mapped);
    missing.removeAll(seen);
    if (!missing.isEmpty()) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
          CsvReader.DATA_ROOT + DATASET.id() + "/" + FILE + ": mapped " + what + " rows not found: " + missing);
    }
  }
}
