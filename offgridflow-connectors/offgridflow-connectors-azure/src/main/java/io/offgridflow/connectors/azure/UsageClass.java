package io.offgridflow.connectors.azure;

import java.util.Locale;

/**
 * What a cost-export row (or part of it) was counted as. A virtual-machine row can contribute to
 * {@link #COMPUTE}, {@link #MEMORY} and {@link #EMBODIED} at once.
 *
 * <pre>{@code
 * UsageClass.STORAGE.key();   // "storage"
 * }</pre>
 */
public enum UsageClass {
  COMPUTE,
  STORAGE,
  NETWORKING,
  MEMORY,
  EMBODIED,
  /** Estimated after all rows from the energy per unit of known rows (CCF's unknown usage). */
  UNKNOWN,
  /** Usage the model cannot estimate (reason recorded). */
  UNSUPPORTED,
  /** Not usage: purchases, refunds, tax, unused reservations, ... */
  IGNORED;

  /** Lower-case name used in output files and group keys. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
