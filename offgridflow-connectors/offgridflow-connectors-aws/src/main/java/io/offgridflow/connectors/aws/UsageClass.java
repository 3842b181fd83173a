package io.offgridflow.connectors.aws;

import java.util.Locale;

/**
 * What a CUR row (or part of it) was counted as. A compute row can contribute to {@link #COMPUTE},
 * {@link #MEMORY} and {@link #EMBODIED} at once.
 *
 * <pre>{@code
 * UsageClass.COMPUTE.key();   // "compute"
 * }</pre>
 */
public enum UsageClass {
  COMPUTE,
  STORAGE,
  NETWORKING,
  MEMORY,
  EMBODIED,
  /** Estimated from the kWh per cost of known rows with the same service and unit (CCF's unknown usage). */
  UNKNOWN,
  /** Usage the model cannot estimate (reason recorded). */
  UNSUPPORTED,
  /** Not usage: tax, credits, fees, RI fees, refunds, ... */
  IGNORED;

  /** Lower-case name used in output files. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
