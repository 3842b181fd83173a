package io.offgridflow.factors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GwpTablesTest {

  @ParameterizedTest(name = "{0}: AR4 {1}, AR5 {2}, AR6 {3}")
  @CsvSource({
      "CO2, 1, 1, 1",
      "CH4, 25, 28, 27.9",
      "N2O, 298, 265, 273",
      "SF6, 22800, 23500, 25200",
      "NF3, 17200, 16100, 17400",
      "HFC-23, 14800, 12400, 14600",
      "HFC-32, 675, 677, 771",
      "HFC-125, 3500, 3170, 3740",
      "HFC-134a, 1430, 1300, 1530",
      "hfc134a, 1430, 1300, 1530",
      "HFC-143a, 4470, 4800, 5810",
      "HFC-152a, 124, 138, 164",
      "HFC-227ea, 3220, 3350, 3600",
      "HFC-245fa, 1030, 858, 962",
      "PFC-14, 7390, 6630, 7380",
      "CF4, 7390, 6630, 7380",
      "PFC-116, 12200, 11100, 12400",
      "HCFC-22, 1810, 1760, 1960",
      "PFC-318, 10300, 9540, 10200",
      "Sulfur hexafluoride, 22800, 23500, 25200",
  })
  void commonGasesResolveInEveryReport(String gas, double ar4, double ar5, double ar6) {
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR4).gwp(gas)).isEqualTo(ar4);
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR5).gwp(gas)).isEqualTo(ar5);
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR6).gwp(gas)).isEqualTo(ar6);
  }

  @Test
  void ch4IsTheGenericValueNotFossil() {
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR5).ch4()).isEqualTo(28);
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR5).gwp("Fossil methane")).isEqualTo(30);
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR6).ch4()).isEqualTo(27.9);
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR4).n2o()).isEqualTo(298);
  }

  @Test
  void ar5EqualsEpaHubTable11ForEveryGas() {
    GwpTable ar5 = Bundled.CATALOG.gwp(GwpSet.AR5);
    List<String> rows = Bundled.dataLines("epa-hub-2025", "epa_hub2025_table11_12_gwp_ar5.csv").stream()
        .filter(l -> l.startsWith("Table 11,"))
        .toList();
    assertThat(rows).hasSizeGreaterThanOrEqualTo(30);
    for (String row : rows) {
      String[] c = row.split(","); // table,name,formula,gwp100_ar5,source_row; Table 11 has no quoted fields
      double published = Double.parseDouble(c[3]);
      double bundled = ar5.find(c[1]).or(() -> ar5.find(c[2]))
          .orElseThrow(() -> new AssertionError("AR5 table lacks " + c[1] + " / " + c[2]))
          .gwp();
      assertThat(bundled).as("%s (%s)", c[1], c[4]).isEqualTo(published);
    }
  }

  @Test
  void blendsAr5PublishedAr4Ar6Computed() {
    GwpTable.GwpValue ar5 = Bundled.CATALOG.gwp(GwpSet.AR5).require("R-410A");
    assertThat(ar5.gwp()).isEqualTo(1924);
    assertThat(ar5.datasetId()).isEqualTo("epa-hub-2025");
    assertThat(ar5.source()).contains("Table 12").contains("C575");
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR5).gwp("R404A")).isEqualTo(3943);

    GwpTable.GwpValue ar6 = Bundled.CATALOG.gwp(GwpSet.AR6).require("R-410A");
    assertThat(ar6.gwp()).isCloseTo(0.5 * 771 + 0.5 * 3740, within(1e-9));
    assertThat(ar6.source()).isEqualTo("computed from EPA Hub 2025 Table 12 composition with IPCC AR6 GWPs");
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR4).gwp("R-410A")).isCloseTo(0.5 * 675 + 0.5 * 3500, within(1e-9));
    // gwp100_key_gases_summary.csv: R-404A AR4 3921.6, AR6 4728.0
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR4).gwp("R-404A")).isCloseTo(3921.6, within(1e-9));
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR6).gwp("R-404A")).isCloseTo(0.44 * 3740 + 0.04 * 1530 + 0.52 * 5810,
        within(1e-9));
    // HCFCs and hydrocarbons count zero: R-401A = 13% HFC-152a only
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR6).gwp("R-401A")).isCloseTo(0.13 * 164, within(1e-9));
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR6).gwp("R-406A")).isZero();
  }

  @Test
  void gwpDatasetsAreListed() {
    assertThat(Bundled.CATALOG.requireDataset("ipcc-ar4").published()).isEqualTo(LocalDate.of(2007, 1, 1));
    assertThat(Bundled.CATALOG.requireDataset("ipcc-ar5").published()).isEqualTo(LocalDate.of(2014, 1, 1));
    assertThat(Bundled.CATALOG.requireDataset("ipcc-ar6").published()).isEqualTo(LocalDate.of(2021, 8, 9));
    assertThat(Bundled.CATALOG.requireDataset("ipcc-ar6").publisher()).contains("IPCC").contains("LCIAformatter");
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR6).require("HFC-134a").source()).startsWith("IPCC AR6 via LCIAformatter");
    assertThat(Bundled.CATALOG.gwp(GwpSet.AR6).require("HFC-134a").datasetId()).isEqualTo("ipcc-ar6");
  }
}
