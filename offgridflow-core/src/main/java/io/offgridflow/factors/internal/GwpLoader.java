package io.offgridflow.factors.internal;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.factors.GwpTable;
import io.offgridflow.factors.GwpTable.GwpValue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IPCC AR4/AR5/AR6 GWP100 tables from the LCIAformatter compilation, plus refrigerant blends from
 * EPA Hub Table 12: published values in AR5, and for AR4 and AR6 the mass-weighted sum of the
 * Kyoto-gas components (HFCs, PFCs, SF6, NF3), which is how EPA builds its AR5 blend values.
 */
final class GwpLoader {
  private static final Logger LOG = LoggerFactory.getLogger(GwpLoader.class);

  static final String LICENCE = "MIT (LCIAformatter compilation); values are IPCC's";
  static final String PUBLISHER = "IPCC via US EPA LCIAformatter";
  static final DatasetInfo AR4 = new DatasetInfo("ipcc-ar4", "IPCC Fourth Assessment Report GWP100", PUBLISHER,
      "AR4 (2007)", LocalDate.of(2007, 1, 1), LICENCE, DatasetInfo.Tier.PRIMARY);
  static final DatasetInfo AR5 = new DatasetInfo("ipcc-ar5", "IPCC Fifth Assessment Report GWP100", PUBLISHER,
      "AR5 (2014)", LocalDate.of(2014, 1, 1), LICENCE, DatasetInfo.Tier.PRIMARY);
  static final DatasetInfo AR6 = new DatasetInfo("ipcc-ar6", "IPCC Sixth Assessment Report GWP100", PUBLISHER,
      "AR6 WG1 (2021)", LocalDate.of(2021, 8, 9), LICENCE, DatasetInfo.Tier.PRIMARY);

  static final String DIR = "ipcc-ar4-ar5-ar6";
  static final String FILE = "ipcc_gwp100_ar4_ar5_ar6_lciafmt.csv";
  static final String TABLE12_DIR = "epa-hub-2025";
  static final String TABLE12 = "epa_hub2025_table11_12_gwp_ar5.csv";

  /** Gases every table must resolve; the load fails rather than ship a table missing one. */
  static final List<String> REQUIRED = List.of("CO2", "CH4", "N2O", "SF6", "NF3", "HFC-23", "HFC-32", "HFC-125",
      "HFC-134a", "HFC-143a", "HFC-152a", "HFC-227ea", "HFC-245fa", "PFC-14", "CF4", "PFC-116", "HCFC-22");

  /**
   * Spellings that differ between the reports (AR4 "PFC-3-1-10" vs AR5 "PFC-31-10", AR6 "PFC-C-318",
   * British "sulphur"); each pair is made to resolve both ways.
   */
  private static final List<List<String>> SYNONYMS = List.of(
      List.of("PFC-318", "PFC-C-318", "c-C4F8"),
      List.of("PFC-31-10", "PFC-3-1-10", "C4F10", "n-C4F10"),
      List.of("PFC-41-12", "PFC-4-1-12", "C5F12", "n-C5F12"),
      List.of("PFC-51-14", "PFC-5-1-14", "C6F14", "n-C6F14"),
      List.of("PFC-71-18", "C8F18", "n-C8F18"),
      List.of("PFC-91-18", "PFC-9-1-18"),
      List.of("Sulfur hexafluoride", "Sulphur hexafluoride"));

  /** Non-Kyoto blend components that EPA counts as zero (ozone-depleting or hydrocarbon). */
  private static final Set<String> ZERO_HYDROCARBONS =
      Set.of("PROPANE", "BUTANE", "ISOBUTANE", "PROPYLENE", "ISOPENTANE");

  private static final Pattern COMPONENT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)%\\s+(.+)");

  private GwpLoader() {}

  /** One gas row and the keys it may claim. */
  private record Candidate(GwpValue value, boolean strong) {}

  static Map<GwpSet, GwpTable> load() {
    CsvTable t = CsvReader.resource(DIR, FILE).requireColumns("assessment_report", "name", "acronym", "formula",
        "gwp100");
    Map<GwpSet, Map<String, List<Candidate>>> candidates = new EnumMap<>(GwpSet.class);
    for (GwpSet s : GwpSet.values()) {
      candidates.put(s, new LinkedHashMap<>());
    }
    for (CsvRow r : t.rows()) {
      GwpSet set = GwpSet.parse(r.required("assessment_report"));
      String name = present(r.text("name"));
      String acronym = present(r.text("acronym"));
      String formula = present(r.text("formula"));
      String label = acronym != null ? acronym : name != null ? name : formula;
      if (label == null) {
        throw CsvReader.fail(r.resource(), r.line(), "row has no name, acronym or formula");
      }
      GwpValue v = new GwpValue(label, r.number("gwp100").value(), set.datasetId(),
          "IPCC " + set + " via LCIAformatter (" + label + ", " + r.where() + ")");
      Map<String, List<Candidate>> m = candidates.get(set);
      if (name != null) {
        claim(m, name, v, true);
      }
      if (acronym != null) {
        claim(m, acronym, v, true);
      }
      // "Fossil methane" shares CH4 with methane; the table's CH4 must be the generic value.
      if (formula != null && (name == null || !name.toLowerCase(java.util.Locale.ROOT).contains("fossil"))) {
        claim(m, formula, v, false);
      }
    }
    List<Blend> blends = blends();
    Map<GwpSet, GwpTable> tables = new EnumMap<>(GwpSet.class);
    for (GwpSet set : GwpSet.values()) {
      Map<String, GwpValue> byKey = resolve(set, candidates.get(set));
      addSynonyms(byKey);
      requireGases(set, byKey);
      for (Blend b : blends) {
        GwpValue v = set == GwpSet.AR5
            ? new GwpValue(b.name(), b.publishedAr5(), EpaHubLoader.DATASET.id(),
                "EPA Hub 2025 Table 12, " + b.sourceRow() + " (" + b.composition() + ")")
            : new GwpValue(b.name(), blendGwp(b, byKey, set), set.datasetId(),
                "computed from EPA Hub 2025 Table 12 composition with IPCC " + set + " GWPs");
        if (byKey.putIfAbsent(GwpTable.key(b.name()), v) != null) {
          throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
              b.where() + ": blend " + b.name() + " clashes with a gas of the " + set + " table");
        }
      }
      tables.put(set, new GwpTable(set, byKey));
    }
    return tables;
  }

  private static @Nullable String present(String text) {
    return text.isEmpty() || text.equals("(no data)") ? null : text;
  }

  private static void claim(Map<String, List<Candidate>> m, String text, GwpValue v, boolean strong) {
    m.computeIfAbsent(GwpTable.key(text), k -> new ArrayList<>(1)).add(new Candidate(v, strong));
  }

  /**
   * A name or acronym beats a formula; among equals, a key whose rows disagree on the value is
   * ambiguous (isomers share formulas, a few AR6 names repeat) and is left out rather than guessed.
   */
  private static Map<String, GwpValue> resolve(GwpSet set, Map<String, List<Candidate>> m) {
    Map<String, GwpValue> out = new HashMap<>();
    for (Map.Entry<String, List<Candidate>> e : m.entrySet()) {
      List<Candidate> list = e.getValue();
      boolean anyStrong = false;
      for (Candidate c : list) {
        anyStrong |= c.strong();
      }
      GwpValue first = null;
      boolean agree = true;
      for (Candidate c : list) {
        if (c.strong() || !anyStrong) {
          if (first == null) {
            first = c.value();
          } else if (c.value().gwp() != first.gwp()) {
            agree = false;
          }
        }
      }
      if (agree && first != null) {
        out.put(e.getKey(), first);
      } else {
        LOG.debug("{}: key {} is ambiguous (rows disagree on the value); left out", set, e.getKey());
      }
    }
    return out;
  }

  private static void addSynonyms(Map<String, GwpValue> byKey) {
    for (List<String> group : SYNONYMS) {
      GwpValue found = null;
      for (String s : group) {
        found = byKey.get(GwpTable.key(s));
        if (found != null) {
          break;
        }
      }
      if (found != null) {
        for (String s : group) {
          byKey.putIfAbsent(GwpTable.key(s), found);
        }
      }
    }
  }

  private static void requireGases(GwpSet set, Map<String, GwpValue> byKey) {
    for (String gas : REQUIRED) {
      if (!byKey.containsKey(GwpTable.key(gas))) {
        throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
            CsvReader.DATA_ROOT + DIR + "/" + FILE + ": no " + set + " GWP resolves for '" + gas + "'");
      }
    }
  }

  /** One EPA Hub Table 12 blend. */
  record Blend(String name, String composition, double publishedAr5, String sourceRow, String where) {}

  static List<Blend> blends() {
    CsvTable t = CsvReader.resource(TABLE12_DIR, TABLE12).requireColumns("table", "name", "formula_or_composition",
        "gwp100_ar5", "source_row");
    List<Blend> out = new ArrayList<>();
    for (CsvRow r : t.rows()) {
      if (r.required("table").equals("Table 12")) {
        Blend b = new Blend(r.required("name"), r.required("formula_or_composition"), r.number("gwp100_ar5").value(),
            r.text("source_row"), r.where());
        components(b); // validate composition at load time
        out.add(b);
      }
    }
    return out;
  }

  /** A blend component: its mass percentage and name. */
  record Component(double percent, String gas) {}

  static List<Component> components(Blend b) {
    List<Component> out = new ArrayList<>();
    double sum = 0;
    for (String part : b.composition().split(",")) {
      Matcher m = COMPONENT.matcher(part.trim());
      if (!m.matches()) {
        throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
            b.where() + ": formula_or_composition '" + b.composition() + "' has a part '" + part.trim()
                + "' that is not '<percent>% <gas>'");
      }
      Component c = new Component(Double.parseDouble(m.group(1)), m.group(2).trim());
      sum += c.percent();
      out.add(c);
    }
    if (Math.abs(sum - 100) > 1e-6) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
          b.where() + ": formula_or_composition '" + b.composition() + "' sums to " + sum + "%, not 100%");
    }
    for (Component c : out) {
      kyoto(c, b); // fails on a component that is neither counted nor known to count zero
    }
    return out;
  }

  private static boolean kyoto(Component c, Blend b) {
    String k = GwpTable.key(c.gas());
    if (k.startsWith("HFC-") || k.startsWith("PFC-") || k.equals("SF6") || k.equals("NF3")) {
      return true;
    }
    if (k.startsWith("HCFC-") || k.startsWith("CFC-") || ZERO_HYDROCARBONS.contains(k)) {
      return false;
    }
    throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
        b.where() + ": blend " + b.name() + " component '" + c.gas() + "' is neither a Kyoto gas nor a known zero");
  }

  /** Sum of mass fraction x GWP over the Kyoto-gas components, from {@code byKey}. */
  static double blendGwp(Blend b, Map<String, GwpValue> byKey, GwpSet set) {
    double gwp = 0;
    for (Component c : components(b)) {
      if (!kyoto(c, b)) {
        continue;
      }
      GwpValue v = byKey.get(GwpTable.key(c.gas()));
      if (v == null) {
        throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
            b.where() + ": blend " + b.name() + " needs the " + set + " GWP of " + c.gas() + ", which is not in "
                + FILE);
      }
      gwp += c.percent() / 100.0 * v.gwp();
    }
    return gwp;
  }
}
