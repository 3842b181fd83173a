package io.offgridflow.cloud;

import java.util.Locale;

/**
 * Where a bill row went, the same for every provider's connector, so a host can treat AWS, Azure
 * and GCP results alike. The first five are estimated by the model; the last three are counted in
 * {@link RowAccounting} with a reason each.
 *
 * <pre>{@code
 * UsageClass.COMPUTE.key();   // "compute", as in output files and group keys
 * }</pre>
 */
public enum UsageClass {
  COMPUTE,
  STORAGE,
  NETWORKING,
  MEMORY,
  EMBODIED,
  /**
   * Usage the model has no rule for, estimated after all rows from the energy of known rows (CCF's
   * unknown usage; each connector documents its basis: per cost, per unit, per service).
   */
  UNKNOWN,
  /** Usage the model cannot estimate (reason recorded). */
  UNSUPPORTED,
  /** Not usage: tax, credits, fees, purchases, refunds, adjustments, ... (reason recorded). */
  IGNORED;

  /** Lower-case name used in output files and group keys. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
