package io.offgridflow.factors;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.units.Unit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/factor-keys.md is the mapping users read: every key it lists must resolve, and every bundled
 * factor of the keyed categories must be listed.
 */
class FactorKeysDocTest {
  /** Categories whose subjects are documented key by key (grid, cloud and spend are by region/NAICS). */
  private static final Set<FactorCategory> KEYED = EnumSet.of(FactorCategory.STEAM_HEAT,
      FactorCategory.STATIONARY_FUEL, FactorCategory.MOBILE_FUEL, FactorCategory.VEHICLE_DISTANCE,
      FactorCategory.PASSENGER_DISTANCE);

  private record Entry(FactorCategory category, String subject, String dataset, Unit unit) {}

  private static List<Entry> documented() throws IOException {
    Path doc = Path.of("..", "docs", "factor-keys.md");
    assertThat(doc).exists();
    List<Entry> out = new ArrayList<>();
    FactorCategory section = null;
    for (String line : Files.readAllLines(doc)) {
      if (line.startsWith("## ")) {
        String heading = line.substring(3).trim();
        section = KEYED.stream().filter(c -> c.name().equals(heading)).findFirst().orElse(null);
        continue;
      }
      if (section == null || !line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\|");
      String subject = cells[1].trim().replace("`", "");
      String dataset = cells[2].trim();
      for (String u : cells[4].split(",")) {
        out.add(new Entry(section, subject, dataset, Unit.parse(u.trim().replace("`", ""))));
      }
    }
    return out;
  }

  @Test
  void everyDocumentedKeyResolves() throws IOException {
    List<Entry> entries = documented();
    assertThat(entries).hasSizeGreaterThan(300);
    for (Entry e : entries) {
      EmissionFactor f = Bundled.CATALOG.resolve(e.category(), e.subject(), null, e.unit().dimension(), e.dataset())
          .orElseThrow(() -> new AssertionError("documented key does not resolve: " + e));
      assertThat(f.unit()).as(e.toString()).contains(e.unit());
    }
  }

  @Test
  void everyBundledKeyIsDocumented() throws IOException {
    Set<Entry> documented = new HashSet<>(documented());
    List<Entry> missing = new ArrayList<>();
    for (EmissionFactor f : Bundled.CATALOG.factors()) {
      if (KEYED.contains(f.category())) {
        Entry e = new Entry(f.category(), f.subject(), f.dataset().id(), f.unit().orElseThrow());
        if (!documented.contains(e)) {
          missing.add(e);
        }
      }
    }
    assertThat(missing).as("bundled but not in docs/factor-keys.md").isEmpty();
  }

  @Test
  void documentedAliasesOfTheBriefResolve() {
    String[][] keys = {
        {"STATIONARY_FUEL", "diesel", "epa-hub-2025"}, {"STATIONARY_FUEL", "fuel_oil_2", "epa-hub-2025"},
        {"STATIONARY_FUEL", "fuel_oil_6", "epa-hub-2025"}, {"STATIONARY_FUEL", "jet_fuel", "epa-hub-2025"},
        {"STATIONARY_FUEL", "gasoline", "epa-hub-2025"}, {"STATIONARY_FUEL", "msw", "epa-hub-2025"},
        {"STATIONARY_FUEL", "coal_coke", "epa-hub-2025"}, {"STEAM_HEAT", "heat", "epa-hub-2025"},
        {"MOBILE_FUEL", "gasoline", "desnz-2024"}, {"STATIONARY_FUEL", "kerosene", "desnz-2024"},
        {"PASSENGER_DISTANCE", "subway", "desnz-2024"}, {"PASSENGER_DISTANCE", "rail", "epa-hub-2025"},
    };
    for (String[] k : keys) {
      assertThat(Bundled.CATALOG.factors())
          .as("%s %s in %s", k[0], k[1], k[2])
          .anyMatch(f -> f.category() == FactorCategory.valueOf(k[0]) && f.subject().equals(k[1])
              && f.dataset().id().equals(k[2]));
    }
  }
}
