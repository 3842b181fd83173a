package io.offgridflow.connectors.aws.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.internal.SimpleCsv;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CCF's AWS classification lists, read from core's bundled {@code aws_usage_classification.json}
 * once per JVM (immutable, shared by every sync); a list that is missing or empty fails loudly (a
 * packaging bug).
 *
 * <p>Read with Jackson's streaming parser, not an {@code ObjectMapper}: the lists are plain arrays
 * of strings, and building a mapper loads some 400 databind classes, about 0.2 s of a cold JVM's
 * first sync (measured), for nothing the lists need.
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

  private AwsUsageLists(Map<String, List<String>> json) {
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
      try (JsonParser p = new JsonFactory().createParser(SimpleCsv.text(FILE))) {
        Map<String, List<String>> lists = new HashMap<>();
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, FILE + ": not a JSON object");
        }
        readObject(p, "", lists);
        return new AwsUsageLists(lists);
      } catch (IOException e) {
        throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, FILE + ": " + e.getMessage(), e);
      }
    }

    /**
     * Collects every array of strings under the object the parser is in, keyed by its dotted path
     * ({@code KNOWN_USAGE_UNITS.compute}); arrays holding anything else and other values are skipped.
     */
    private static void readObject(JsonParser p, String prefix, Map<String, List<String>> lists) throws IOException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String path = prefix + p.currentName();
        JsonToken value = p.nextToken();
        if (value == JsonToken.START_OBJECT) {
          readObject(p, path + ".", lists);
        } else if (value == JsonToken.START_ARRAY) {
          List<String> items = new ArrayList<>();
          boolean strings = true;
          for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.VALUE_STRING) {
              items.add(p.getText());
            } else {
              strings = false;
              p.skipChildren();
            }
          }
          if (strings) {
            lists.put(path, List.copyOf(items));
          }
        }
      }
    }
  }

  private static List<String> list(Map<String, List<String>> json, String... path) {
    String name = String.join(".", path);
    List<String> list = json.get(name);
    if (list == null || list.isEmpty()) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
          FILE + ": list '" + name + "' is missing or empty");
    }
    return list;
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
