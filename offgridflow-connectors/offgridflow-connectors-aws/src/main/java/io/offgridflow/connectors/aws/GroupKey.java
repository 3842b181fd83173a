package io.offgridflow.connectors.aws;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Dimensions a CUR can be aggregated by.
 *
 * <pre>{@code
 * GroupKey.parseList("class,service,region");   // [CLASS, SERVICE, REGION]
 * }</pre>
 */
public enum GroupKey {
  CLASS("class"),
  SERVICE("service"),
  REGION("region"),
  ACCOUNT("account"),
  MONTH("month"),
  DAY("day"),
  USAGE_TYPE("usage_type");

  private final String key;

  GroupKey(String key) {
    this.key = key;
  }

  /** Name used on the command line and as output column. */
  public String key() {
    return key;
  }

  /** Parses a comma-separated list such as {@code class,service,region}. */
  public static List<GroupKey> parseList(String csv) {
    List<GroupKey> out = new ArrayList<>();
    for (String part : csv.split(",")) {
      String p = part.trim().toLowerCase(Locale.ROOT).replace('-', '_');
      if (p.isEmpty()) {
        continue;
      }
      GroupKey found = null;
      for (GroupKey g : values()) {
        if (g.key.equals(p) || (g == USAGE_TYPE && p.equals("usagetype"))) {
          found = g;
        }
      }
      if (found == null) {
        throw new OffGridFlowException(CoreErrorCode.INVALID_CONFIGURATION, "unknown group-by key '" + part
            + "'; expected class, service, region, account, month, day or usage_type");
      }
      if (!out.contains(found)) {
        out.add(found);
      }
    }
    return List.copyOf(out);
  }
}
