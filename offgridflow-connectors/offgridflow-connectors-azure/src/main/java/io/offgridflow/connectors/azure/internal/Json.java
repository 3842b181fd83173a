package io.offgridflow.connectors.azure.internal;

import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Small helpers over azure-json's untyped reading (the JSON library the Azure SDK already brings). */
final class Json {
  private Json() {}

  /** Parses a JSON document into maps, lists, strings, numbers and booleans. */
  static @Nullable Object parse(byte[] json) throws IOException {
    try (JsonReader r = JsonProviders.createReader(json)) {
      r.nextToken();
      return r.readUntyped();
    }
  }

  static @Nullable Object get(@Nullable Object node, String... path) {
    Object n = node;
    for (String p : path) {
      if (!(n instanceof Map<?, ?> m)) {
        return null;
      }
      n = m.get(p);
    }
    return n;
  }

  static String string(@Nullable Object node, String... path) {
    Object v = get(node, path);
    return v == null ? "" : v.toString();
  }

  static List<?> list(@Nullable Object node, String... path) {
    Object v = get(node, path);
    return v instanceof List<?> l ? l : List.of();
  }
}
