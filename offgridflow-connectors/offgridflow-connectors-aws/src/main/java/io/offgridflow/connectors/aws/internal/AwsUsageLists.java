package io.offgridflow.connectors.aws.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.internal.SimpleCsv;
import java.util.ArrayList;
import java.util.List;

/**
 * CCF's AWS classification lists, read from core's bundled {@code aws_usage_classification.json}
 * once per JVM (immutable, shared by every sync); a list that is missing or empty fails loudly (a
 * packaging bug).
 */
public final class AwsUsageLists {
  private static final String FILE = "aws_usage_classification.json";

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

  private AwsUsageLists(JsonNode json) {
    lineItemTypes = list(json, "LINE_ITEM_TYPES");
    computeUnits = list(json, "KNOWN_USAGE_UNITS", "compute");
    storageUnits = list(json, "KNOWN_USAGE_UNITS", "storage");
    networkUnits = list(json, "KNOWN_USAGE_UNITS", "network");
    ssdServices = list(json, "SSD_SERVICES");
    ssdUsageTypes = list(json, "SSD_USAGE_TYPES");
    hddUsageTypes = list(json, "HDD_USAGE_TYPES");
    byteHoursUsageTypes = list(json, "BYTE_HOURS_USAGE_TYPES");
    networkingUsageTypes = list(json, "NETWORKING_USAGE_TYPES");
    unknownUsageTypes = list(json, "UNKNOWN_USAGE_TYPES");
    unsupportedUsageTypes = list(json, "UNSUPPORTED_USAGE_TYPES");
  }

  /** The bundled lists, parsed on first use. */
  public static AwsUsageLists load() {
    return Bundled.LISTS;
  }

  /** Holder: the file is read and parsed once, when a connector first needs it. */
  private static final class Bundled {
    static final AwsUsageLists LISTS = parse();

    private static AwsUsageLists parse() {
      try {
        return new AwsUsageLists(new ObjectMapper().readTree(SimpleCsv.text(FILE)));
      } catch (JsonProcessingException e) {
        throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, FILE + ": " + e.getOriginalMessage(), e);
      }
    }
  }

  private static List<String> list(JsonNode json, String... path) {
    JsonNode node = json;
    for (String key : path) {
      node = node.path(key);
    }
    String name = String.join(".", path);
    if (!node.isArray() || node.isEmpty()) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
          FILE + ": list '" + name + "' is missing or empty");
    }
    List<String> out = new ArrayList<>(node.size());
    for (JsonNode item : node) {
      out.add(item.asText());
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
