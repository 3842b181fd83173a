package io.offgridflow.connectors.gcp;

import java.util.Locale;

/**
 * What a billing-export row (or part of it) was counted as. A compute row can contribute to {@link
 * #COMPUTE} and {@link #EMBODIED} at once.
 *
 * <pre>{@code
 * GcpUsageClass.STORAGE.key();   // "storage"
 * }</pre>
 */
public enum GcpUsageClass {
  COMPUTE,
  STORAGE,
  NETWORKING,
  MEMORY,
  EMBODIED,
  /** Estimated from the kWh per usage amount (else per cost) of known rows: CCF's unknown usage. */
  UNKNOWN,
  /** Usage the model cannot estimate (reason recorded). */
  UNSUPPORTED,
  /** Not usage: tax, adjustments, rounding errors. */
  IGNORED;

  /** Lower-case name used in output files and group keys. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
