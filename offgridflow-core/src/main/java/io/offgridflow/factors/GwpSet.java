package io.offgridflow.factors;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import java.util.Locale;

/**
 * IPCC 100-year global warming potential sets. AR5 is the default: the GHG Protocol, EPA's
 * Emission Factors Hub 2025, eGRID's CO2e and DESNZ 2024 all use it.
 */
public enum GwpSet {
  AR4("ipcc-ar4"),
  AR5("ipcc-ar5"),
  AR6("ipcc-ar6");

  private final String datasetId;

  GwpSet(String datasetId) {
    this.datasetId = datasetId;
  }

  /** Id of the dataset holding this set's GWP values, e.g. {@code ipcc-ar5}. */
  public String datasetId() {
    return datasetId;
  }

  /** Parses {@code AR5}, {@code ar5} or {@code ipcc-ar5}. */
  public static GwpSet parse(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    if (t.startsWith("IPCC-")) {
      t = t.substring(5);
    }
    for (GwpSet s : values()) {
      if (s.name().equals(t)) {
        return s;
      }
    }
    throw new OffGridFlowException(
        CoreErrorCode.INVALID_ACTIVITY, "unknown GWP set '" + text + "'; use AR4, AR5 or AR6");
  }
}
