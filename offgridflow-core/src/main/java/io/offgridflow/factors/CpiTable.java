package io.offgridflow.factors;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A consumer price index by year, used to move spend between price years before a spend-based
 * factor is applied: {@code spend_in_factor_year = spend x CPI(factor year) / CPI(spend year)}.
 * The bundled table is US BLS CPI-U, annual average, 1982-84 = 100 (dataset {@code bls-cpi-u}).
 *
 * <pre>{@code
 * BigDecimal to2022 = catalog.cpi().ratio(2024, 2022);   // 292.655 / 313.689
 * }</pre>
 */
public final class CpiTable {
  private final String datasetId;
  private final String currencyCode;
  private final SortedMap<Integer, BigDecimal> indexByYear;

  public CpiTable(String datasetId, String currencyCode, Map<Integer, BigDecimal> indexByYear) {
    this.datasetId = datasetId;
    this.currencyCode = currencyCode;
    this.indexByYear = new TreeMap<>(indexByYear);
  }

  public String datasetId() {
    return datasetId;
  }

  /** ISO code of the currency whose prices this index tracks. */
  public String currencyCode() {
    return currencyCode;
  }

  /** The index value of a year. */
  public BigDecimal index(int year) {
    BigDecimal v = indexByYear.get(year);
    if (v == null) {
      throw new OffGridFlowException(
          CoreErrorCode.FACTOR_NOT_FOUND,
          "no " + datasetId + " index for year " + year + "; covered years: "
              + indexByYear.firstKey() + "-" + indexByYear.lastKey());
    }
    return v;
  }

  /** Multiplier taking money of {@code fromYear} prices to {@code toYear} prices. */
  public BigDecimal ratio(int fromYear, int toYear) {
    if (fromYear == toYear) {
      return BigDecimal.ONE;
    }
    return index(toYear).divide(index(fromYear), MathContext.DECIMAL64);
  }

  public SortedMap<Integer, BigDecimal> years() {
    return java.util.Collections.unmodifiableSortedMap(indexByYear);
  }
}
