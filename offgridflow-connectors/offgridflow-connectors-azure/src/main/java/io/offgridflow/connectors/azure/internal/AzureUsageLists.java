package io.offgridflow.connectors.azure.internal;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.internal.SimpleCsv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * CCF's Azure classification lists (azure 1.8.0), read from core's bundled {@code
 * azure_usage_classification.json}. A list that is missing or empty fails loudly: that is a
 * packaging bug, not bad input.
 *
 * <pre>{@code
 * AzureUsageLists.load().region("West Europe");   // "westeurope"
 * }</pre>
 */
public final class AzureUsageLists {
  private static final String FILE = "azure_usage_classification.json";

  final List<String> unknownServices;
  final List<String> unknownUsageTypes;
  final List<String> unsupportedUsageTypes;
  final List<String> computeUnits;
  final List<String> storageUnits;
  final List<String> networkUnits;
  final List<String> memoryUnits;
  final List<String> ssdStorageUsageTypes;
  final List<String> networkingUsageTypes;
  final List<String> memoryUsageTypes;
  final Map<String, Double> cacheMemoryGb;
  final Map<String, Double> ssdDiskGb;
  final Map<String, Double> hddDiskGb;
  final Map<String, Double> registryGb;
  /** Lower-case alias (resource location as exports write it) to CCF region name. */
  final Map<String, String> regionByAlias;

  private AzureUsageLists(Object json) {
    unknownServices = list(json, "UNKNOWN_SERVICES");
    unknownUsageTypes = list(json, "UNKNOWN_USAGE_TYPES");
    unsupportedUsageTypes = list(json, "UNSUPPORTED_USAGE_TYPES");
    computeUnits = list(json, "USAGE_UNITS", "compute");
    storageUnits = list(json, "USAGE_UNITS", "storage");
    networkUnits = list(json, "USAGE_UNITS", "network");
    memoryUnits = list(json, "USAGE_UNITS", "memory");
    ssdStorageUsageTypes = list(json, "STORAGE_USAGE_TYPES_SSD");
    networkingUsageTypes = list(json, "NETWORKING_USAGE_TYPES");
    memoryUsageTypes = list(json, "MEMORY_USAGE_TYPES");
    cacheMemoryGb = numbers(json, "CACHE_MEMORY_GB");
    ssdDiskGb = numbers(json, "SSD_MANAGED_DISKS_STORAGE_GB");
    hddDiskGb = numbers(json, "HDD_MANAGED_DISKS_STORAGE_GB");
    registryGb = numbers(json, "CONTAINER_REGISTRY_STORAGE_GB");
    Map<String, String> regions = new LinkedHashMap<>();
    Object aliases = Json.get(json, "region_aliases");
    if (!(aliases instanceof Map<?, ?> m) || m.isEmpty()) {
      throw missing("region_aliases");
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String name = e.getKey().toString();
      regions.put(name.toLowerCase(Locale.ROOT), name);
      if (e.getValue() instanceof List<?> l) {
        for (Object alias : l) {
          regions.putIfAbsent(alias.toString().toLowerCase(Locale.ROOT), name);
        }
      }
    }
    regionByAlias = Map.copyOf(regions);
  }

  /** The bundled lists, read and parsed once per JVM (immutable, shared by every sync). */
  public static AzureUsageLists load() {
    return Bundled.LISTS;
  }

  /** Holder: the file is parsed when a connector first needs it. */
  private static final class Bundled {
    static final AzureUsageLists LISTS = parse();

    private static AzureUsageLists parse() {
      try {
        return new AzureUsageLists(Json.parse(SimpleCsv.text(FILE).getBytes(StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, FILE + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * CCF's region name for a resource location: its name or one of its listed spellings
   * (case-insensitive), else the location with spaces removed, lower-cased ({@code East US} to
   * {@code eastus}); CCF's grid table then applies its {@code Unknown} row to names it lacks.
   */
  public String region(String resourceLocation) {
    String key = resourceLocation.trim().toLowerCase(Locale.ROOT);
    String r = regionByAlias.get(key);
    if (r != null) {
      return r;
    }
    String squeezed = key.replace(" ", "");
    r = regionByAlias.get(squeezed);
    return r != null ? r : squeezed;
  }

  private static OffGridFlowException missing(String key) {
    return new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, FILE + ": no entry '" + key + "'");
  }

  private static List<String> list(Object json, String... path) {
    List<String> out = new ArrayList<>();
    for (Object o : Json.list(json, path)) {
      out.add(o.toString());
    }
    if (out.isEmpty()) {
      throw missing(String.join(".", path));
    }
    return List.copyOf(out);
  }

  private static Map<String, Double> numbers(Object json, String key) {
    Object v = Json.get(json, key);
    if (!(v instanceof Map<?, ?> m) || m.isEmpty()) {
      throw missing(key);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      out.put(e.getKey().toString(), ((Number) e.getValue()).doubleValue());
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The first entry of the list contained in s, or null (CCF's containsAny). */
  static @Nullable String firstContained(List<String> list, String s) {
    for (String x : list) {
      if (s.contains(x)) {
        return x;
      }
    }
    return null;
  }
}
