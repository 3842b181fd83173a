package io.offgridflow.connectors.azure;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dimensions Azure results can be aggregated by. The emissions connector accepts all but {@link
 * #CLASS}, {@link #DAY} and {@link #METER}, which provider-reported data does not have.
 *
 * <pre>{@code
 * AzureGroupKey.parseList("class,service,region");   // [CLASS, SERVICE, REGION]
 * }</pre>
 */
public enum AzureGroupKey {
  /** compute, storage, networking, memory, embodied, unknown, unsupported, ignored. */
  CLASS("class"),
  /** Meter category, e.g. {@code Virtual Machines} (CCF's service name). */
  SERVICE("service"),
  /** Normalised region, e.g. {@code westeurope}. */
  REGION("region"),
  SUBSCRIPTION("subscription"),
  RESOURCE_GROUP("resource_group"),
  /** Year-month of the usage date, e.g. {@code 2025-01}. */
  MONTH("month"),
  /** Usage date, e.g. {@code 2025-01-31}. */
  DAY("day"),
  /** Meter name, e.g. {@code D2s v3}. */
  METER("meter");

  private final String key;

  AzureGroupKey(String key) {
    this.key = key;
  }

  /** Name used on command lines and as output column. */
  public String key() {
    return key;
  }

  /** Parses a comma-separated list such as {@code class,service,region}. */
  public static List<AzureGroupKey> parseList(String csv) {
    List<AzureGroupKey> out = new ArrayList<>();
    for (String part : csv.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT).replace('-', '_');
      if (p.isEmpty()) {
        continue;
      }
      AzureGroupKey found = null;
      for (AzureGroupKey g : values()) {
        if (g.key.equals(p) || g.key.replace("_", "").equals(p)) {
          found = g;
        }
      }
      if (found == null) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "unknown group-by key '" + part
            + "'; expected class, service, region, subscription, resource_group, month, day or meter");
      }
      if (!out.contains(found)) {
        out.add(found);
      }
    }
    return List.copyOf(out);
  }
}
