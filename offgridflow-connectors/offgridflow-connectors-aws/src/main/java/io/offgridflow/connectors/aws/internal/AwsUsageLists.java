package io.offgridflow.connectors.aws.internal;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.internal.SimpleCsv;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CCF's AWS classification lists, read from core's bundled {@code aws_usage_classification.json}.
 * Only flat string arrays are needed, so a small extractor does instead of a JSON library
 * dependency; a list that is missing or empty fails loudly (a packaging bug).
 */
public final class AwsUsageLists {
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  final List<String> lineItemTypes;
  final List<String> computeUnits;
  final List<String> storageUnits;
  final List<String> networkUnits;
  final List<String> ssdServices;
  final List<String> ssdUsageTypes;
  final List<String> hddUsageTypes;
  final List<String> byteHoursUsageTypes;
  final List<String> networkingUsageTypes;
  final List<String> unknownUsageTypes;
  final List<String> unsupportedUsageTypes;

  private AwsUsageLists(String json) {
    lineItemTypes = list(json, "LINE_ITEM_TYPES");
    computeUnits = list(json, "compute");
    storageUnits = list(json, "storage");
    networkUnits = list(json, "network");
    ssdServices = list(json, "SSD_SERVICES");
    ssdUsageTypes = list(json, "SSD_USAGE_TYPES");
    hddUsageTypes = list(json, "HDD_USAGE_TYPES");
    byteHoursUsageTypes = list(json, "BYTE_HOURS_USAGE_TYPES");
    networkingUsageTypes = list(json, "NETWORKING_USAGE_TYPES");
    unknownUsageTypes = list(json, "UNKNOWN_USAGE_TYPES");
    unsupportedUsageTypes = list(json, "UNSUPPORTED_USAGE_TYPES");
  }

  /** Loads the bundled lists. */
  public static AwsUsageLists load() {
    return new AwsUsageLists(SimpleCsv.text("aws_usage_classification.json"));
  }

  private static List<String> list(String json, String key) {
    int at = json.indexOf("\"" + key + "\": [");
    if (at < 0) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
          "aws_usage_classification.json: no list '" + key + "'");
    }
    int open = json.indexOf('[', at);
    int close = json.indexOf(']', open);
    List<String> out = new ArrayList<>();
    Matcher m = STRING.matcher(json.substring(open + 1, close));
    while (m.find()) {
      out.add(m.group(1));
    }
    if (out.isEmpty()) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
          "aws_usage_classification.json: list '" + key + "' is empty");
    }
    return List.copyOf(out);
  }

  static boolean endsWithAny(List<String> list, String s) {
    for (String x : list) {
      if (s.endsWith(x)) {
        return true;
      }
    }
    return false;
  }

  static boolean endsWithOrIncludesAny(List<String> list, String s) {
    for (String x : list) {
      if (s.endsWith(x) || s.contains(x)) {
        return true;
      }
    }
    return false;
  }
}
