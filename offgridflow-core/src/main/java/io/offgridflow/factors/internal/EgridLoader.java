package io.offgridflow.factors.internal;

import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.FactorCategory;
import io.offgridflow.factors.spi.FactorSource;
import io.offgridflow.units.Unit;
import java.time.LocalDate;

/**
 * eGRID subregion total-output emission rates (as printed in the EPA GHG Emission Factors Hub,
 * Table 6). Non-baseload rates are skipped (EPA: not for inventories) and so are the extract's
 * computed CO2e columns, which EPA does not publish.
 */
final class EgridLoader {
  static final double KG_PER_LB = 0.45359237;

  static final DatasetInfo EGRID_2022 = new DatasetInfo("epa-egrid-2022", "eGRID2022 subregion emission rates",
      "US EPA", "eGRID2022 (Jan 2024), as printed in EPA GHG Emission Factors Hub 2024 Table 6",
      LocalDate.of(2024, 1, 1), "US public domain", DatasetInfo.Tier.PRIMARY);
  static final DatasetInfo EGRID_2023 = new DatasetInfo("epa-egrid-2023", "eGRID2023 subregion emission rates",
      "US EPA", "eGRID2023 (Jan 2025), as printed in EPA GHG Emission Factors Hub 2025 Table 6",
      LocalDate.of(2025, 1, 1), "US public domain", DatasetInfo.Tier.PRIMARY);

  static final String FILE_2022 = "epa_egrid2022_subregion_rates_hub2024.csv";
  static final String FILE_2023 = "epa_egrid2023_subregion_rates_hub2025.csv";

  private EgridLoader() {}

  static FactorSource load(DatasetInfo dataset, String file, String editionLabel) {
    CsvTable t = CsvReader.resource(dataset.id(), file).requireColumns(
        "subregion", "subregion_name", "co2_lb_per_mwh", "ch4_lb_per_mwh", "n2o_lb_per_mwh", "source_row");
    SourceBuilder out = new SourceBuilder(dataset);
    for (CsvRow r : t.rows()) {
      String sub = r.required("subregion");
      String region = sub.equals("US") ? "US" : "US-" + sub;
      CsvRow.Num co2 = r.number("co2_lb_per_mwh");
      CsvRow.Num ch4 = r.number("ch4_lb_per_mwh");
      CsvRow.Num n2o = r.number("n2o_lb_per_mwh");
      out.add(out.factor()
          .id(dataset.id() + ":" + sub)
          .category(FactorCategory.GRID_ELECTRICITY)
          .subject("")
          .region(region)
          .name(editionLabel + " " + sub + " (" + r.required("subregion_name") + ") total output emission rate")
          .unit(Unit.MWH)
          .gases(co2.value() * KG_PER_LB, ch4.value() * KG_PER_LB, n2o.value() * KG_PER_LB)
          .published("CO2 " + co2 + " lb/MWh; CH4 " + ch4 + " lb/MWh; N2O " + n2o + " lb/MWh ("
              + editionLabel + " total output emission rate)")
          .sourceRef(r.text("source_row"))
          .build(), r.where());
    }
    return out.build();
  }
}
