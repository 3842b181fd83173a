package io.offgridflow.factors.internal;

import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.FactorCategory;
import io.offgridflow.factors.spi.FactorSource;
import io.offgridflow.units.Unit;
import java.time.LocalDate;

/** Google Cloud region carbon data 2024: grid gCO2e/kWh and carbon-free-energy share per region. */
final class GcpLoader {
  static final DatasetInfo DATASET = new DatasetInfo("gcp-2024", "Google Cloud region carbon data", "Google Cloud",
      "2024", LocalDate.of(2025, 1, 1), "Apache-2.0", DatasetInfo.Tier.PRIMARY);
  static final String FILE = "gcp_region_carbon_2024.csv";
  private static final String INTENSITY = "Grid carbon intensity (gCO2eq / kWh)";

  private GcpLoader() {}

  static FactorSource load() {
    CsvTable t = CsvReader.resource(DATASET.id(), FILE).requireColumns("Google Cloud Region", "Location",
        "Google CFE", INTENSITY);
    SourceBuilder out = new SourceBuilder(DATASET);
    for (CsvRow r : t.rows()) {
      String region = r.required("Google Cloud Region");
      CsvRow.Num g = r.number(INTENSITY);
      String cfe = r.decimal("Google CFE").movePointRight(2).stripTrailingZeros().toPlainString();
      out.add(out.factor()
          .id(DATASET.id() + ":" + region)
          .category(FactorCategory.CLOUD_REGION)
          .subject("")
          .region("gcp:" + region)
          .name("Google Cloud " + region + " (" + r.required("Location") + ") grid carbon intensity, CFE " + cfe + "%")
          .unit(Unit.KWH)
          .co2eOnly(g.value() / 1000.0, null)
          .published(g + " gCO2eq/kWh grid carbon intensity; Google CFE " + r.text("Google CFE")
              + " (Google Cloud region carbon data 2024)")
          .sourceRef(region)
          .build(), r.where());
    }
    return out.build();
  }
}
