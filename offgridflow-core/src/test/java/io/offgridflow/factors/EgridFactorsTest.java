package io.offgridflow.factors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.units.Dimension;
import io.offgridflow.units.Unit;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EgridFactorsTest {
  private static final double LB = 0.45359237;

  @Test
  void nwpp2023IsTheTotalOutputRateInKgPerMwh() {
    // CSV: eGRID2023,...,NWPP,WECC Northwest,631.705,0.054,0.008,... (values as in Hub 2025 Table 6)
    EmissionFactor f = Bundled.factor("epa-egrid-2023:NWPP");
    assertThat(f.category()).isEqualTo(FactorCategory.GRID_ELECTRICITY);
    assertThat(f.subject()).isEmpty();
    assertThat(f.region()).isEqualTo("US-NWPP");
    assertThat(f.unit()).contains(Unit.MWH);
    assertThat(f.gasesPublished()).isTrue();
    assertThat(f.co2Kg()).isCloseTo(631.705 * LB, within(1e-9));
    assertThat(f.ch4Kg()).isCloseTo(0.054 * LB, within(1e-12));
    assertThat(f.n2oKg()).isCloseTo(0.008 * LB, within(1e-12));
    assertThat(f.co2eBasis()).as("EPA publishes no CO2e for eGRID").isEmpty();
    assertThat(f.co2eKg()).isNaN();
    assertThat(f.published())
        .isEqualTo("CO2 631.705 lb/MWh; CH4 0.054 lb/MWh; N2O 0.008 lb/MWh (eGRID2023 total output emission rate)");
    assertThat(f.sourceRef()).startsWith("'Emission Factors Hub'!C");
  }

  @Test
  void usAverageRowHasRegionUs() {
    // 2023 CSV: US,US Average,771.523,0.057,0.008
    EmissionFactor us = Bundled.factor("epa-egrid-2023:US");
    assertThat(us.region()).isEqualTo("US");
    assertThat(us.co2Kg()).isCloseTo(771.523 * LB, within(1e-9));
    assertThat(us.ch4Kg()).isCloseTo(0.057 * LB, within(1e-12));
    assertThat(us.n2oKg()).isCloseTo(0.008 * LB, within(1e-12));
  }

  @Test
  void egrid2022UsesItsOwnEditionAndNotNonbaseload() {
    // 2022 CSV: AKGD,ASCC Alaska Grid,1052.114,0.088,0.012,1224.498 (non-baseload),...
    EmissionFactor f = Bundled.factor("epa-egrid-2022:AKGD");
    assertThat(f.co2Kg()).isCloseTo(1052.114 * LB, within(1e-9));
    assertThat(f.ch4Kg()).isCloseTo(0.088 * LB, within(1e-12));
    assertThat(f.dataset().published()).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(Bundled.factor("epa-egrid-2023:AKGD").dataset().published()).isEqualTo(LocalDate.of(2025, 1, 1));
    assertThat(f.dataset().publisher()).isEqualTo("US EPA");
    assertThat(f.dataset().licence()).isEqualTo("US public domain");
    assertThat(f.dataset().tier()).isEqualTo(DatasetInfo.Tier.PRIMARY);
  }

  @Test
  void oneFactorPerCsvRow() {
    assertThat(Bundled.ofDataset("epa-egrid-2022"))
        .hasSize(Bundled.dataLines("epa-egrid-2022", "epa_egrid2022_subregion_rates_hub2024.csv").size());
    assertThat(Bundled.ofDataset("epa-egrid-2023"))
        .hasSize(Bundled.dataLines("epa-egrid-2023", "epa_egrid2023_subregion_rates_hub2025.csv").size());
  }

  @Test
  void newestEditionWinsResolution() {
    EmissionFactor nwpp = Bundled.CATALOG.resolve(FactorCategory.GRID_ELECTRICITY, "", "US-NWPP", Dimension.ENERGY,
        null).orElseThrow();
    assertThat(nwpp.id()).isEqualTo("epa-egrid-2023:NWPP");
    EmissionFactor pinned = Bundled.CATALOG.resolve(FactorCategory.GRID_ELECTRICITY, "", "US-NWPP", Dimension.ENERGY,
        "epa-egrid-2022").orElseThrow();
    assertThat(pinned.id()).isEqualTo("epa-egrid-2022:NWPP");
    // The US average row is region "US"; it beats Ember's (fallback) US figure.
    EmissionFactor us = Bundled.CATALOG.resolve(FactorCategory.GRID_ELECTRICITY, "", "US", Dimension.ENERGY, null)
        .orElseThrow();
    assertThat(us.id()).isEqualTo("epa-egrid-2023:US");
  }
}
