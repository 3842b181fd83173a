package io.offgridflow.connectors.aws.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The tags of CUR 2.0 {@code resource_tags} cells: each distinct cell (by its exact bytes) is
 * parsed as a JSON object once, and its value for every requested tag key is interned; later rows
 * with the same cell cost one {@link BytePool} lookup. Tag cells repeat a lot (one per resource
 * configuration), so parsing per row would be the dominant cost of tag grouping.
 *
 * <p>CUR 2.0 normalises tag keys ({@code user:Team} becomes {@code user_team}: lower-case, every
 * character other than a letter or digit replaced by {@code _}); a requested key is looked up as
 * given first, then in that spelling, so either works.
 *
 * <pre>{@code
 * TagCells t = new TagCells(List.of("user:Team"));
 * int cell = cellPool.id(buf, off, len);                 // per row: the cell's exact bytes
 * int[] ids = t.values(cell, cellPool, valuePools, 0);   // ids into valuePools[i], 0 = no tag
 * }</pre>
 */
final class TagCells {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String[] asGiven;
  private final String[] normalised;
  private final byte[][] asGivenUtf8;
  private final byte[][] normalisedUtf8;
  private int[][] byCell = new int[64][];

  TagCells(List<String> keys) {
    asGiven = keys.toArray(new String[0]);
    normalised = new String[asGiven.length];
    asGivenUtf8 = new byte[asGiven.length][];
    normalisedUtf8 = new byte[asGiven.length][];
    for (int i = 0; i < asGiven.length; i++) {
      normalised[i] = normalise(asGiven[i]);
      asGivenUtf8[i] = asGiven[i].getBytes(StandardCharsets.UTF_8);
      normalisedUtf8[i] = normalised[i].getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * How the map key {@code utf8[offset..offset+len)} matches requested key {@code i}: 2 as given, 1
   * in CUR 2.0's spelling, 0 not at all. Readers of tags stored as a map (CUR 2.0 Parquet) keep, per
   * key, the entry with the highest level, so they choose the entry {@link #values} chooses in a JSON
   * cell: the key as given wins over its normalised spelling, whatever the order of the entries.
   */
  int level(int i, byte[] utf8, int offset, int len) {
    if (Arrays.equals(asGivenUtf8[i], 0, asGivenUtf8[i].length, utf8, offset, offset + len)) {
      return 2;
    }
    return Arrays.equals(normalisedUtf8[i], 0, normalisedUtf8[i].length, utf8, offset, offset + len) ? 1 : 0;
  }

  /** CUR 2.0's spelling of a tag key: {@code user:Team} -> {@code user_team}. */
  static String normalise(String key) {
    StringBuilder sb = new StringBuilder(key.length());
    for (char c : key.toLowerCase(Locale.ROOT).toCharArray()) {
      sb.append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_');
    }
    return sb.toString();
  }

  /**
   * The interned value of every requested key in the cell {@code cell} (an id of {@code cells},
   * which interns cells by their exact bytes): element {@code i} is an id of {@code pools[first + i]},
   * where id 0 must be the empty string (no such tag).
   *
   * @throws IllegalArgumentException when the cell is not a JSON object (the message says why)
   */
  int[] values(int cell, BytePool cells, BytePool[] pools, int first) {
    if (cell >= byCell.length) {
      byCell = Arrays.copyOf(byCell, Math.max(cell + 1, byCell.length * 2));
    }
    int[] v = byCell[cell];
    if (v == null) {
      v = parse(cells.value(cell), pools, first);
      byCell[cell] = v;
    }
    return v;
  }

  private int[] parse(String text, BytePool[] pools, int first) {
    int[] out = new int[asGiven.length];
    if (text.isBlank()) {
      return out; // an untagged resource: every key empty (id 0)
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("is not a JSON object of tags: " + e.getOriginalMessage());
    }
    if (root == null || root.isNull()) {
      return out;
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("is not a JSON object of tags (a JSON " + root.getNodeType()
          .name().toLowerCase(Locale.ROOT) + ")");
    }
    for (int i = 0; i < asGiven.length; i++) {
      JsonNode n = root.get(asGiven[i]);
      if (n == null) {
        n = root.get(normalised[i]);
      }
      if (n == null || n.isNull()) {
        continue;
      }
      if (n.isContainerNode()) {
        throw new IllegalArgumentException("has tag " + asGiven[i] + " that is not a text value");
      }
      byte[] b = n.asText().getBytes(StandardCharsets.UTF_8);
      out[i] = pools[first + i].id(b, 0, b.length);
    }
    return out;
  }
}
