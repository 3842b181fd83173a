package io.offgridflow.calc;

import java.util.List;

/**
 * Market-based Scope 2 result of one electricity activity: how its consumption was split across
 * the GHG Protocol hierarchy and what each part emits.
 *
 * @param co2eKg market-based CO2e
 * @param segments in hierarchy order; their kWh add up to the activity's consumption
 */
public record MarketBased(double co2eKg, List<Segment> segments) {

  /** Step of the Scope 2 market-based hierarchy. */
  public enum Basis {
    CERTIFICATES("certificates"),
    SUPPLIER_SPECIFIC("supplier-specific"),
    RESIDUAL_MIX("residual-mix"),
    GRID_AVERAGE("grid-average");

    private final String code;

    Basis(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /**
   * Part of the consumption with one basis.
   *
   * @param source where the rate came from: {@code activity}, or a factor id
   */
  public record Segment(Basis basis, double kwh, double kgPerKwh, String source) {}

  /** A one-line account of the split, e.g. {@code certificates 1000 kWh; grid-average 1500 kWh x 0.288}. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    for (Segment s : segments) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(s.basis().code()).append(' ').append(s.kwh()).append(" kWh x ").append(s.kgPerKwh())
          .append(" kg/kWh (").append(s.source()).append(')');
    }
    return sb.toString();
  }
}
