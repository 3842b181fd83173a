package io.offgridflow.cloud;

import java.util.List;

/**
 * One CCF replication rule: for a service, the first rule whose usage-type fragments match (or
 * that matches everything) gives the factor that multiplies the row's estimate.
 *
 * <pre>{@code
 * new ReplicationRule(CloudProvider.AWS, "AmazonS3", List.of("TimedStorage"), "", 6);
 * }</pre>
 *
 * @param provider provider
 * @param service service name ({@code *} for any other service)
 * @param contains usage-type fragments, any of which matches; empty matches every usage type
 * @param regionRule region condition text from the CCF table ("" for none)
 * @param factor replication factor
 */
public record ReplicationRule(
    CloudProvider provider, String service, List<String> contains, String regionRule, double factor) {

  public ReplicationRule {
    contains = List.copyOf(contains);
  }

  boolean matches(String usageType, String region) {
    if (!regionRule.isEmpty() && !regionMatches(region)) {
      return false;
    }
    if (contains.isEmpty()) {
      return true;
    }
    for (String c : contains) {
      if (usageType.contains(c)) {
        return true;
      }
    }
    return false;
  }

  // CCF's GCP snapshot rules depend on whether the region is a multi- or dual-region; the rule text
  // names them in parentheses, e.g. "region is a multi-region (asia|europe|us)".
  private boolean regionMatches(String region) {
    int open = regionRule.indexOf('(');
    int close = regionRule.indexOf(')');
    if (open < 0 || close < open) {
      return true;
    }
    for (String r : regionRule.substring(open + 1, close).split("\\|")) {
      if (r.equals(region)) {
        return true;
      }
    }
    return false;
  }
}
