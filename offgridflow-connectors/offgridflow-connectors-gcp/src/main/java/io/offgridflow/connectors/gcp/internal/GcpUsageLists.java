package io.offgridflow.connectors.gcp.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.internal.SimpleCsv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * CCF's GCP classification lists from core's bundled {@code ccf-2024/gcp_usage_classification.json}
 * (extracted from CCF's {@code BillingExportTypes.ts}), so the connector and core use one edition
 * of the data and a data update needs no code change.
 *
 * <pre>{@code
 * GcpUsageLists lists = GcpUsageLists.load();   // parsed once per JVM
 * }</pre>
 */
public final class GcpUsageLists {
  static final String FILE = "gcp_usage_classification.json";

  final List<String> memoryUsageTypes;
  final List<String> unknownUsageUnits;
  final List<String> unknownUsageTypes;
  final List<String> unsupportedUsageTypes;
  final List<String> unknownServiceTypes;
  final List<String> servicesWithUnknownUnit;
  final List<String> computeStrings;
  final List<String> networkingStrings;
  final List<String> gpuMachineTypes;
  final Map<String, List<String>> processorsByFamily;
  final double vcpusPerGkeCluster;
  final double vcpusPerComposerEnvironment;
  final String gkeAndComposerMachineType;

  private GcpUsageLists(JsonObject o) {
    memoryUsageTypes = list(o, "MEMORY_USAGE_TYPES");
    unknownUsageUnits = list(o, "UNKNOWN_USAGE_UNITS");
    unknownUsageTypes = list(o, "UNKNOWN_USAGE_TYPES");
    unsupportedUsageTypes = list(o, "UNSUPPORTED_USAGE_TYPES");
    unknownServiceTypes = list(o, "UNKNOWN_SERVICE_TYPES");
    servicesWithUnknownUnit = list(o, "SERVICES_TO_OVERRIDE_USAGE_UNIT_AS_UNKNOWN");
    computeStrings = list(o, "COMPUTE_STRING_FORMATS");
    networkingStrings = list(o, "NETWORKING_STRING_FORMATS");
    gpuMachineTypes = list(o, "GPU_MACHINE_TYPES");
    Map<String, List<String>> procs = new LinkedHashMap<>();
    JsonObject mapping = object(o, "INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING");
    for (Map.Entry<String, JsonElement> e : mapping.entrySet()) {
      procs.put(e.getKey(), strings(e.getValue().getAsJsonArray()));
    }
    processorsByFamily = Map.copyOf(procs);
    JsonObject m = object(o, "service_multipliers");
    vcpusPerGkeCluster = m.get("config_VCPUS_PER_GKE_CLUSTER_default").getAsDouble();
    vcpusPerComposerEnvironment = m.get("config_VCPUS_PER_CLOUD_COMPOSER_ENVIRONMENT_default").getAsDouble();
    gkeAndComposerMachineType = m.get("gke_and_composer_machine_type_assumed").getAsString();
  }

  /** The bundled lists, read and parsed once per JVM (immutable, shared by every sync). */
  public static GcpUsageLists load() {
    return Bundled.LISTS;
  }

  /** Holder: the file is parsed when a connector first needs it. */
  private static final class Bundled {
    static final GcpUsageLists LISTS = parse();

    private static GcpUsageLists parse() {
      try {
        return new GcpUsageLists(JsonParser.parseString(SimpleCsv.text(FILE)).getAsJsonObject());
      } catch (RuntimeException e) {
        if (e instanceof OffGridFlowException o) {
          throw o;
        }
        throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
            SimpleCsv.ROOT + FILE + ": " + e.getMessage(), e);
      }
    }
  }

  private static JsonObject object(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || !e.isJsonObject()) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, SimpleCsv.ROOT + FILE + ": no object " + key);
    }
    return e.getAsJsonObject();
  }

  private static List<String> list(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || !e.isJsonArray()) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, SimpleCsv.ROOT + FILE + ": no list " + key);
    }
    return strings(e.getAsJsonArray());
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>(a.size());
    for (JsonElement e : a) {
      out.add(e.getAsString());
    }
    return List.copyOf(out);
  }

  /** The first entry of {@code terms} that {@code text} contains, or null. */
  static @Nullable String firstContained(String text, List<String> terms) {
    for (String t : terms) {
      if (text.contains(t)) {
        return t;
      }
    }
    return null;
  }
}
