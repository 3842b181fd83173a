package io.offgridflow.factors;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class CpiTableTest {

  @Test
  void ratioFrom2024To2022Prices() {
    CpiTable cpi = Bundled.CATALOG.cpi();
    assertThat(cpi.datasetId()).isEqualTo("bls-cpi-u");
    assertThat(cpi.currencyCode()).isEqualTo("USD");
    assertThat(cpi.ratio(2024, 2022))
        .isEqualTo(new BigDecimal("292.655").divide(new BigDecimal("313.689"), MathContext.DECIMAL64));
    assertThat(cpi.index(2017)).isEqualByComparingTo("245.120");
    assertThat(cpi.index(2024)).isEqualByComparingTo("313.689");
    assertThat(cpi.years().keySet()).containsExactly(2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024);
  }

  @Test
  void cpiDatasetIsListed() {
    DatasetInfo d = Bundled.CATALOG.requireDataset("bls-cpi-u");
    assertThat(d.publisher()).isEqualTo("US BLS");
    assertThat(d.published()).hasToString("2025-01-15");
  }
}
