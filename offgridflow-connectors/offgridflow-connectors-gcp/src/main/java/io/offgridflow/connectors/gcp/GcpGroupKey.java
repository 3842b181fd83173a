package io.offgridflow.connectors.gcp;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dimensions the GCP connectors aggregate by. The Carbon Footprint export is monthly and carries no
 * usage class or SKU, so it accepts {@link #MONTH}, {@link #PROJECT}, {@link #SERVICE} and {@link
 * #REGION} only; the billing export accepts all.
 *
 * <pre>{@code
 * GcpGroupKey.parseList("month,project,service");   // [MONTH, PROJECT, SERVICE]
 * }</pre>
 */
public enum GcpGroupKey {
  /** Usage class (compute, storage, ...): billing export only. */
  CLASS("class"),
  /** {@code service.description}, e.g. {@code Compute Engine}. */
  SERVICE("service"),
  /** {@code location.region}, else {@code location.location} for multi-regions, else {@code global}. */
  REGION("region"),
  /** {@code project.id}; rows without a project are grouped under {@code (no project)}. */
  PROJECT("project"),
  /** Usage month, {@code 2025-01}. */
  MONTH("month"),
  /** Usage day, {@code 2025-01-31}: billing export only. */
  DAY("day"),
  /** {@code sku.description}: billing export only. */
  SKU("sku");

  private final String key;

  GcpGroupKey(String key) {
    this.key = key;
  }

  /** Name used in configuration and as output column. */
  public String key() {
    return key;
  }

  /** Parses a comma-separated list such as {@code class,service,region}; duplicates are dropped. */
  public static List<GcpGroupKey> parseList(String csv) {
    List<GcpGroupKey> out = new ArrayList<>();
    for (String part : csv.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      GcpGroupKey found = null;
      for (GcpGroupKey g : values()) {
        if (g.key.equals(p)) {
          found = g;
        }
      }
      if (found == null) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "unknown group-by key '" + part.trim()
            + "'; expected class, service, region, project, month, day or sku");
      }
      if (!out.contains(found)) {
        out.add(found);
      }
    }
    return List.copyOf(out);
  }
}
