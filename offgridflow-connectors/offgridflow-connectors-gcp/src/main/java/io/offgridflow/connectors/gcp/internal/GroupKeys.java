package io.offgridflow.connectors.gcp.internal;

import java.util.Comparator;
import java.util.List;

/**
 * Orders group keys value by value, so results come out in a stable order whatever the row order.
 *
 * <pre>{@code
 * new TreeMap<List<String>, double[]>(GroupKeys.ORDER);
 * GroupKeys.region("", "us");   // "us"
 * }</pre>
 */
public final class GroupKeys {
  /** Lexicographic order of equally long string lists. */
  public static final Comparator<List<String>> ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  private GroupKeys() {}

  /** Group label of rows with no project (billing-account level charges, deleted projects). */
  public static final String NO_PROJECT = "(no project)";

  /** The project label of a row: its id, or {@link #NO_PROJECT}. */
  public static String project(String id) {
    return id.isEmpty() ? NO_PROJECT : id;
  }

  /** The region label of a row: the region, else the multi-region location, else {@code global}. */
  public static String region(String region, String location) {
    if (!region.isEmpty()) {
      return region;
    }
    return location.isEmpty() ? "global" : location;
  }
}
