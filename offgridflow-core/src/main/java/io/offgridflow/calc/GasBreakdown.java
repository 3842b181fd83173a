package io.offgridflow.calc;

/**
 * Emissions by gas, in kilograms. {@code otherGhgCo2eKg} holds fluorinated gases (HFCs, PFCs,
 * SF6, NF3) already weighted by their GWP. When the factor publishes CO2e only, {@code
 * gasesReported} is false and the three gas masses are zero: the split is unknown, not zero.
 * Biogenic CO2 is kept apart and is not in any scope's CO2e.
 */
public record GasBreakdown(
    double co2Kg,
    double ch4Kg,
    double n2oKg,
    double otherGhgCo2eKg,
    double biogenicCo2Kg,
    boolean gasesReported) {

  public static final GasBreakdown NONE = new GasBreakdown(0, 0, 0, 0, 0, true);

  /** A breakdown for a factor that gives CO2e only. */
  public static GasBreakdown co2eOnly() {
    return new GasBreakdown(0, 0, 0, 0, 0, false);
  }
}
