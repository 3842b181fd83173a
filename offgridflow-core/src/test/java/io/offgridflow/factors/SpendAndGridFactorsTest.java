package io.offgridflow.factors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.units.Dimension;
import io.offgridflow.units.Unit;
import java.util.Currency;
import java.util.HashSet;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** USEEIO spend factors, Ember country grids and Google Cloud regions: the CO2e-only datasets. */
class SpendAndGridFactorsTest {

  @Test
  void useeioSoybeanFarming() {
    // 111110,Soybean Farming,All GHGs,"kg CO2e/2022 USD, purchaser price",0.488,0.044,0.532,1111A0
    EmissionFactor f = Bundled.CATALOG.resolve(FactorCategory.SPEND, "111110", "US", null, null).orElseThrow();
    assertThat(f.id()).isEqualTo("useeio-1.3:111110");
    assertThat(f.name()).isEqualTo("Soybean Farming");
    assertThat(f.currency()).contains(Currency.getInstance("USD"));
    assertThat(f.priceYear()).isEqualTo(2022);
    assertThat(f.unit()).isEmpty();
    assertThat(f.gasesPublished()).isFalse();
    assertThat(f.co2eKg()).isCloseTo(0.532, within(1e-15));
    assertThat(f.co2eBasis()).as("USEEIO's GWP set is not confirmed").isEmpty();
    assertThat(f.scope3Category()).isEqualTo(1);
    assertThat(f.published())
        .isEqualTo("0.532 kg CO2e/2022 USD, purchaser price, with margins (without margins 0.488, margins 0.044)");
    // 541511,Custom Computer Programming Services,...,0.084,0,0.084
    assertThat(Bundled.factor("useeio-1.3:541511").co2eKg()).isCloseTo(0.084, within(1e-15));
  }

  @Test
  void useeioHasOneFactorPerNaicsRow() {
    assertThat(Bundled.ofDataset("useeio-1.3")).hasSize(
        Bundled.dataLines("useeio-1.3", "useeio_supply_chain_ghg_ef_v1.3.0_naics_co2e_usd2022.csv").size());
    assertThat(Bundled.CATALOG.requireDataset("useeio-1.3").published()).hasToString("2024-05-01");
  }

  @Test
  void emberCountriesByAlpha2() {
    // GBR,GBR,United Kingdom,2024,215.79 ; DEU,DEU,Germany,2024,342.06
    EmissionFactor gb = Bundled.factor("ember-2024:GB");
    assertThat(gb.region()).isEqualTo("GB");
    assertThat(gb.unit()).contains(Unit.KWH);
    assertThat(gb.co2eKg()).isCloseTo(215.79 / 1000, within(1e-15));
    assertThat(gb.co2eBasis()).isEmpty();
    assertThat(gb.name()).contains("United Kingdom").contains("2024");
    assertThat(gb.dataset().tier()).isEqualTo(DatasetInfo.Tier.FALLBACK);
    assertThat(Bundled.factor("ember-2024:DE").co2eKg()).isCloseTo(342.06 / 1000, within(1e-15));
    // Fallback: a GB row still gets DESNZ, a German row gets Ember.
    assertThat(Bundled.CATALOG.resolve(FactorCategory.GRID_ELECTRICITY, "", "GB", Dimension.ENERGY, null)
        .orElseThrow().dataset().id()).isEqualTo("desnz-2024");
    assertThat(Bundled.CATALOG.resolve(FactorCategory.GRID_ELECTRICITY, "", "DE", Dimension.ENERGY, null)
        .orElseThrow().id()).isEqualTo("ember-2024:DE");
  }

  @Test
  void emberSkipsAggregatesAndCodesWithoutAlpha2() {
    Set<String> iso3WithAlpha2 = new HashSet<>();
    for (String a2 : Locale.getISOCountries()) {
      try {
        iso3WithAlpha2.add(new Locale("", a2).getISO3Country());
      } catch (MissingResourceException e) {
        // no alpha-3 for this code in the JDK
      }
    }
    long expected = Bundled.dataLines("ember-2024", "ember_country_grid_intensity_via_co2js.csv").stream()
        .map(l -> l.split(",")[1])
        .filter(iso3WithAlpha2::contains)
        .count();
    assertThat(expected).isGreaterThan(200);
    assertThat(Bundled.ofDataset("ember-2024")).hasSize((int) expected);
    assertThat(Bundled.ofDataset("ember-2024")).noneMatch(f -> f.region().equals("XK") || f.name().startsWith("World"));
    assertThat(Bundled.ofDataset("ember-2024")).allSatisfy(f -> assertThat(f.region()).matches("[A-Z]{2}"));
  }

  @Test
  void googleCloudRegions() {
    // europe-west1,Belgium,0.84,103.37
    EmissionFactor f = Bundled.CATALOG.resolve(FactorCategory.CLOUD_REGION, "", "gcp:europe-west1", Dimension.ENERGY,
        null).orElseThrow();
    assertThat(f.id()).isEqualTo("gcp-2024:europe-west1");
    assertThat(f.co2eKg()).isCloseTo(103.37 / 1000, within(1e-15));
    assertThat(f.co2eBasis()).isEmpty();
    assertThat(f.unit()).contains(Unit.KWH);
    assertThat(f.name()).isEqualTo("Google Cloud europe-west1 (Belgium) grid carbon intensity, CFE 84%");
    // us-central1,Iowa,0.87,412.72
    assertThat(Bundled.factor("gcp-2024:us-central1").co2eKg()).isCloseTo(412.72 / 1000, within(1e-15));
    assertThat(Bundled.ofDataset("gcp-2024"))
        .hasSize(Bundled.dataLines("gcp-2024", "gcp_region_carbon_2024.csv").size());
  }
}
