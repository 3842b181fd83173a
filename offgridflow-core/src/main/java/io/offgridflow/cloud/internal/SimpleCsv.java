package io.offgridflow.cloud.internal;

import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the bundled CCF tables: RFC 4180 quoting, one record per line (the generator writes no
 * line breaks inside fields). The core may not depend on a CSV library and these files need no
 * more; a malformed bundled file is a packaging bug, so it fails loudly with the line.
 */
public final class SimpleCsv {
  /** Where the ccf-2024 tables live on the class path. */
  public static final String ROOT = "/io/offgridflow/cloud/data/ccf-2024/";

  private final String name;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<String[]> rows = new ArrayList<>();

  private SimpleCsv(String name, String text) {
    this.name = name;
    String[] lines = text.split("\r?\n", -1);
    String[] head = split(lines[0], 1);
    for (int i = 0; i < head.length; i++) {
      index.put(head[i], i);
    }
    for (int l = 1; l < lines.length; l++) {
      if (lines[l].isEmpty()) {
        continue;
      }
      String[] f = split(lines[l], l + 1);
      if (f.length != head.length) {
        throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
            name + ":" + (l + 1) + ": expected " + head.length + " fields, found " + f.length);
      }
      rows.add(f);
    }
  }

  /** Loads {@link #ROOT} + file. */
  public static SimpleCsv resource(String file) {
    return new SimpleCsv(file, text(file));
  }

  /** The whole text of a bundled resource. */
  public static String text(String file) {
    try (InputStream in = SimpleCsv.class.getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED,
            ROOT + file + ": bundled resource is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, ROOT + file + ": " + e.getMessage(), e);
    }
  }

  public List<String[]> rows() {
    return rows;
  }

  /** Field of a row by column name ("" when empty). */
  public String get(String[] row, String column) {
    Integer i = index.get(column);
    if (i == null) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, name + ": no column '" + column + "'");
    }
    return row[i];
  }

  /** Numeric field, NaN when empty. */
  public double num(String[] row, String column) {
    String s = get(row, column);
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  private String[] split(String line, int lineNo) {
    List<String> out = new ArrayList<>();
    StringBuilder sb = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            sb.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          sb.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(sb.toString());
        sb.setLength(0);
      } else {
        sb.append(c);
      }
    }
    if (quoted) {
      throw new OffGridFlowException(CoreErrorCode.DATASET_LOAD_FAILED, name + ":" + lineNo + ": unclosed quote");
    }
    out.add(sb.toString());
    return out.toArray(new String[0]);
  }
}
