package io.offgridflow.connectors.azure;

import java.util.Locale;
import java.util.Optional;

/**
 * The unit of a provider-reported emissions figure. Microsoft's Emissions Impact Dashboard reports
 * metric tonnes (mtCO2e); carbon optimization reports kilograms (kgCO2e).
 *
 * <pre>{@code
 * EmissionsUnit.parse("mtCO2e").orElseThrow().toKg(1.5);   // 1500.0
 * }</pre>
 */
public enum EmissionsUnit {
  KG_CO2E(1),
  METRIC_TON_CO2E(1000);

  private final double kgPerUnit;

  EmissionsUnit(double kgPerUnit) {
    this.kgPerUnit = kgPerUnit;
  }

  /** The value in kilograms (1 metric tonne = 1000 kg, exactly). */
  public double toKg(double value) {
    return value * kgPerUnit;
  }

  /**
   * Reads a unit as exports write it: {@code mtCO2e}, {@code tCO2e}, {@code MTCO2E}, {@code metric tons}
   * (tonnes), {@code kgCO2e}, {@code kg} (kilograms); also inside a column name such as {@code
   * Scope1 (mtCO2e)}. Empty when none of them.
   */
  public static Optional<EmissionsUnit> parse(String text) {
    String t = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (t.contains("kgco2") || t.equals("kg") || t.endsWith("kg") || t.contains("kilogram")) {
      return Optional.of(KG_CO2E);
    }
    if (t.contains("mtco2") || t.contains("tco2") || t.contains("metricton") || t.contains("tonne")
        || t.equals("mt") || t.equals("t")) {
      return Optional.of(METRIC_TON_CO2E);
    }
    return Optional.empty();
  }
}
