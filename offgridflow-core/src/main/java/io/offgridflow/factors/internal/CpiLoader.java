package io.offgridflow.factors.internal;

import io.offgridflow.factors.CpiTable;
import io.offgridflow.factors.DatasetInfo;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** US BLS CPI-U annual averages (1982-84 = 100), for moving spend between price years. */
final class CpiLoader {
  static final DatasetInfo DATASET = new DatasetInfo("bls-cpi-u",
      "Consumer Price Index for All Urban Consumers (CPI-U), US city average, annual average", "US BLS",
      "1982-84=100, annual averages 2017-2024", LocalDate.of(2025, 1, 15), "US public domain",
      DatasetInfo.Tier.PRIMARY);
  static final String FILE = "cpi-u.csv";

  private CpiLoader() {}

  static CpiTable load() {
    CsvTable t = CsvReader.resource(DATASET.id(), FILE).requireColumns("year", "index");
    Map<Integer, BigDecimal> byYear = new HashMap<>();
    for (CsvRow r : t.rows()) {
      if (byYear.put(r.integer("year"), r.decimal("index")) != null) {
        throw CsvReader.fail(r.resource(), r.line(), "year '" + r.text("year") + "' appears twice");
      }
    }
    return new CpiTable(DATASET.id(), "USD", byYear);
  }
}
