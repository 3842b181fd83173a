package io.offgridflow.factors.internal;

import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.FactorCategory;
import io.offgridflow.factors.spi.FactorSource;
import java.time.LocalDate;
import java.util.Currency;

/**
 * US EPA Supply Chain GHG Emission Factors v1.3.0 (USEEIO v2.2): kg CO2e per 2022 US dollar at
 * purchaser price, by 2017 NAICS-6 code. The "with margins" factor is the one applied, as EPA
 * recommends for purchaser-price spend.
 */
final class UseeioLoader {
  static final DatasetInfo DATASET = new DatasetInfo("useeio-1.3",
      "Supply Chain GHG Emission Factors for US Industries and Commodities", "US EPA",
      "v1.3.0 (USEEIO v2.2, GHG data year 2022, 2022 USD purchaser price)", LocalDate.of(2024, 5, 1),
      "US public domain", DatasetInfo.Tier.PRIMARY);
  static final String FILE = "useeio_supply_chain_ghg_ef_v1.3.0_naics_co2e_usd2022.csv";

  private static final String WITH = "Supply Chain Emission Factors with Margins";
  private static final String WITHOUT = "Supply Chain Emission Factors without Margins";
  private static final String MARGINS = "Margins of Supply Chain Emission Factors";
  private static final String EXPECTED_UNIT = "kg CO2e/2022 USD, purchaser price";

  private UseeioLoader() {}

  static FactorSource load() {
    CsvTable t = CsvReader.resource(DATASET.id(), FILE).requireColumns("2017 NAICS Code", "2017 NAICS Title", "GHG",
        "Unit", WITHOUT, MARGINS, WITH, "Reference USEEIO Code");
    SourceBuilder out = new SourceBuilder(DATASET);
    Currency usd = Currency.getInstance("USD");
    for (CsvRow r : t.rows()) {
      String naics = r.required("2017 NAICS Code");
      if (!naics.matches("\\d{6}")) {
        throw CsvReader.fail(r.resource(), r.line(), "2017 NAICS Code '" + naics + "' is not six digits");
      }
      String unit = r.required("Unit");
      if (!unit.equals(EXPECTED_UNIT) || !r.text("GHG").equals("All GHGs")) {
        // The price basis and year are hard-wired below; a different row would be misread.
        throw CsvReader.fail(r.resource(), r.line(), "Unit '" + unit + "' / GHG '" + r.text("GHG")
            + "' is not '" + EXPECTED_UNIT + "' / 'All GHGs'");
      }
      CsvRow.Num with = r.number(WITH);
      out.add(out.factor()
          .id(DATASET.id() + ":" + naics)
          .category(FactorCategory.SPEND)
          .subject(naics)
          .region("US")
          .name(r.required("2017 NAICS Title"))
          .perCurrency(usd, 2022)
          // EPA does not state the GWP set in this extract; see PROVENANCE.md.
          .co2eOnly(with.value(), null)
          .published(with + " kg CO2e/2022 USD, purchaser price, with margins (without margins "
              + r.number(WITHOUT) + ", margins " + r.number(MARGINS) + ")")
          .sourceRef("NAICS " + naics + "; USEEIO " + r.text("Reference USEEIO Code"))
          .scope3Category(1)
          .build(), r.where());
    }
    return out.build();
  }
}
