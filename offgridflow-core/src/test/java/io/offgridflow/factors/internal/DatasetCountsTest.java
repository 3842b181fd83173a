package io.offgridflow.factors.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.factors.EmissionFactor;
import io.offgridflow.factors.spi.FactorSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Factor counts per dataset, derived from the raw bundled CSV rows and the documented key tables. */
class DatasetCountsTest {
  private static final BundledData DATA = BundledDatasets.load();

  private static List<EmissionFactor> factors(String datasetId) {
    for (FactorSource s : DATA.sources()) {
      if (!s.factors().isEmpty() && s.factors().get(0).dataset().id().equals(datasetId)) {
        return s.factors();
      }
    }
    throw new AssertionError("no source for " + datasetId);
  }

  private static int aliases(Map<String, List<String>> table, String subject) {
    return table.getOrDefault(subject, List.of()).size();
  }

  @Test
  void epaHub() {
    int expected = 0;
    for (CsvRow r : CsvReader.resource("epa-hub-2025", EpaHubLoader.TABLE1).rows()) {
      String subject = EpaHubLoader.canonicalSubject(Keys.tidy(r.text("fuel_category")), r.text("fuel_type"));
      int units = r.text("physical_unit").isEmpty() ? 1 : 2;
      expected += units * (1 + aliases(EpaFuelKeys.STATIONARY_ALIASES, subject));
    }
    for (CsvRow r : CsvReader.resource("epa-hub-2025", EpaHubLoader.TABLE2).rows()) {
      expected += 1 + EpaFuelKeys.MOBILE.get(r.text("fuel_type")).aliases().size();
    }
    expected += CsvReader.resource("epa-hub-2025", EpaHubLoader.TABLE7).rows().size() * EpaFuelKeys.STEAM.size();
    for (CsvRow r : CsvReader.resource("epa-hub-2025", EpaHubLoader.TABLE10).rows()) {
      expected += 1 + EpaFuelKeys.TRAVEL.get(r.text("vehicle_type")).aliases().size();
    }
    // 66 Table 1 rows, 61 with a physical unit, 13 aliases x 2 units; 10+1 Table 2; 2 Table 7; 12+3 Table 10
    assertThat(expected).isEqualTo(171);
    assertThat(factors("epa-hub-2025")).hasSize(expected);
  }

  @Test
  void desnz() {
    List<CsvRow> rows = CsvReader.resource("desnz-2024", DesnzLoader.FILE).rows();
    Map<String, DesnzKeys.Key> bio = new HashMap<>();
    DesnzKeys.BIOENERGY.forEach((k, v) -> bio.put(k.toLowerCase(Locale.ROOT), v));
    int expected = 0;
    for (CsvRow r : rows) {
      // one factor per published total ("kg CO2e") row with a value
      if (!r.text("GHG/Unit").equals("kg CO2e") || r.text("GHG Conversion Factor 2024").isEmpty()) {
        continue;
      }
      String l1 = r.text("Level 1");
      if (l1.equals("Fuels")) {
        expected += 2 * (1 + DesnzKeys.FUELS.get(r.text("Level 3")).aliases().size());
      } else if (l1.equals("Bioenergy") && Set.of("litres", "kg", "tonnes").contains(r.text("UOM"))) {
        int cats = r.text("Level 2").equals("Biofuel") ? 2 : 1;
        expected += cats * (1 + bio.get(r.text("Level 3").toLowerCase(Locale.ROOT)).aliases().size());
      } else if (l1.equals("Business travel- air")) {
        expected += 1;
      }
    }
    for (DesnzKeys.Row m : DesnzKeys.ROWS) {
      expected += 1 + m.key().aliases().size();
    }
    assertThat(factors("desnz-2024")).hasSize(expected);
  }

  @Test
  void gwpTablesHaveEveryBlend() {
    int blends = GwpLoader.blends().size();
    assertThat(blends).isEqualTo(30);
    for (var table : DATA.gwp().values()) {
      long found = GwpLoader.blends().stream().filter(b -> table.find(b.name()).isPresent()).count();
      assertThat(found).isEqualTo(blends);
    }
  }
}
