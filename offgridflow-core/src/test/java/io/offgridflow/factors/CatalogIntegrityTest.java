package io.offgridflow.factors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CatalogIntegrityTest {

  @Test
  void everyFactorIdIsUniqueAndPrefixedByItsDataset() {
    List<EmissionFactor> all = Bundled.CATALOG.factors();
    Set<String> ids = new HashSet<>();
    for (EmissionFactor f : all) {
      assertThat(ids.add(f.id())).as("duplicate id %s", f.id()).isTrue();
      assertThat(f.id()).startsWith(f.dataset().id() + ":");
    }
    assertThat(ids).hasSize(all.size()).hasSizeGreaterThan(1500);
  }

  @Test
  void everyExpectedDatasetIsPresent() {
    assertThat(Bundled.CATALOG.datasets().keySet()).containsExactlyInAnyOrder("epa-egrid-2022", "epa-egrid-2023",
        "epa-hub-2025", "desnz-2024", "useeio-1.3", "ember-2024", "gcp-2024", "ipcc-ar4", "ipcc-ar5", "ipcc-ar6",
        "bls-cpi-u");
    for (String id : List.of("epa-egrid-2022", "epa-egrid-2023", "epa-hub-2025", "desnz-2024", "useeio-1.3",
        "ember-2024", "gcp-2024")) {
      assertThat(Bundled.ofDataset(id)).as(id).isNotEmpty();
    }
  }

  @Test
  void noTwoFactorsOfADatasetCompeteForTheSameResolutionKey() {
    Map<String, String> seen = new HashMap<>();
    for (EmissionFactor f : Bundled.CATALOG.factors()) {
      String key = f.dataset().id() + "|" + f.category() + "|" + f.subject() + "|" + f.region() + "|"
          + f.unit().map(u -> u.dimension().name()).orElse("MONEY");
      String prior = seen.put(key, f.id());
      assertThat(prior).as("%s and %s share %s", prior, f.id(), key).isNull();
    }
  }

  @Test
  void everyFactorHasProvenanceText() {
    for (EmissionFactor f : Bundled.CATALOG.factors()) {
      assertThat(f.published()).as(f.id()).isNotBlank();
      assertThat(f.name()).as(f.id()).isNotBlank();
      assertThat(f.subject()).as(f.id()).isEqualTo(EmissionFactor.normalizeKey(f.subject()));
      // Zero is a legitimate published value (e.g. Ember's Central African Republic, all hydro); negative is not.
      double total = f.gasesPublished() ? f.co2Kg() + f.ch4Kg() + f.n2oKg() + f.biogenicCo2Kg() : f.co2eKg();
      assertThat(total).as("%s", f.id()).isNotNegative().isFinite();
    }
  }

  @Test
  void loadingTwiceGivesEqualCatalogs() {
    FactorCatalog again = FactorCatalog.bundled();
    assertThat(again.factors()).hasSameSizeAs(Bundled.CATALOG.factors());
    assertThat(again.factor("desnz-2024:mobile:diesel:litre").orElseThrow().co2eKg())
        .isEqualTo(Bundled.factor("desnz-2024:mobile:diesel:litre").co2eKg());
  }
}
