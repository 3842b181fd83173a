package io.offgridflow.cloud;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import java.util.Locale;

/**
 * A cloud provider whose usage the {@link CcfModel} can estimate. The {@link #prefix()} is the
 * region prefix used in activities, e.g. {@code aws:us-east-1}.
 *
 * <pre>{@code
 * CloudProvider p = CloudProvider.fromKey("aws");   // AWS
 * }</pre>
 */
public enum CloudProvider {
  AWS("aws"),
  AZURE("azure"),
  GCP("gcp");

  private final String prefix;

  CloudProvider(String prefix) {
    this.prefix = prefix;
  }

  /** Lower-case key used as region prefix ({@code aws}, {@code azure}, {@code gcp}). */
  public String prefix() {
    return prefix;
  }

  /** Parses {@code aws}, {@code AWS}, {@code azure}, {@code gcp} (case-insensitive). */
  public static CloudProvider fromKey(String key) {
    String k = key.trim().toLowerCase(Locale.ROOT);
    for (CloudProvider p : values()) {
      if (p.prefix.equals(k)) {
        return p;
      }
    }
    throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION,
        "unknown cloud provider '" + key + "'; expected aws, azure or gcp");
  }
}
