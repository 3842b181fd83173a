package io.offgridflow.connectors.azure.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV header, looked up by column name case-insensitively (EA writes {@code MeterCategory}, MCA
 * {@code meterCategory}) and in any order.
 */
final class Header {
  private final String source;
  private final List<String> names;
  private final Map<String, Integer> index = new HashMap<>();

  Header(String source, List<String> fields) {
    this.source = source;
    List<String> n = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      String name = fields.get(i).trim();
      if (i == 0 && name.startsWith("\uFEFF")) {
        name = name.substring(1);
      }
      n.add(name);
      index.putIfAbsent(key(name), i);
    }
    this.names = List.copyOf(n);
  }

  /** Lower case, letters and digits only: {@code Scope 1 (mtCO2e)} becomes {@code scope1mtco2e}. */
  static String key(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  boolean has(String name) {
    return index.containsKey(key(name));
  }

  int size() {
    return names.size();
  }

  String name(int i) {
    return names.get(i);
  }

  List<String> names() {
    return names;
  }

  /** The first of the names present, or -1. */
  int find(String... candidates) {
    for (String c : candidates) {
      Integer i = index.get(key(c));
      if (i != null) {
        return i;
      }
    }
    return -1;
  }

  /** The first column whose normalised name starts with the prefix, or -1. */
  int findPrefix(String prefix) {
    String p = key(prefix);
    for (int i = 0; i < names.size(); i++) {
      if (key(names.get(i)).startsWith(p)) {
        return i;
      }
    }
    return -1;
  }

  /** The first of the names present, or an error naming the file and what is missing. */
  int require(String what, String... candidates) {
    int i = find(candidates);
    if (i < 0) {
      throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, source + ":1: the header has no "
          + what + " column (looked for " + String.join(" or ", candidates) + ")");
    }
    return i;
  }
}
