package io.offgridflow.cli;

import java.util.Arrays;

/**
 * Canonical Strings for the cells of one low-cardinality column (activity, unit, region, site,
 * period, ...): text read again returns the String made the first time, found by hashing and
 * comparing the parser's chars, so a repeated value costs no allocation.
 *
 * <p>It pays beyond the allocation: a shared String keeps its hash code, and equals itself by
 * identity, and every map downstream is keyed by these values (the row mapper's memos, the
 * calculator's factor cache, the inventory cells). With a new String per cell each of those hashed
 * and compared it again, on every row. The rows parsed ahead while the datasets load also stay
 * small, which shortens the first garbage collections.
 *
 * <p>Bounded, so that a column that turns out to have many values, or a hostile file, costs a
 * probe per cell and no memory: at most {@link #MAX_ENTRIES} values of at most {@link
 * #MAX_LENGTH} chars are kept; other text is returned as a new String, as without the pool.
 * Columns that are unique per row (id) or numeric (quantity) do not go through a pool at all. One
 * pool per column, used by one thread.
 */
final class StringPool {
  /** Distinct values kept; more than an inventory has regions, sites or periods. */
  static final int MAX_ENTRIES = 4096;
  /** Longer text is not pooled: it would not repeat much, and it keeps the pool's memory small. */
  static final int MAX_LENGTH = 64;

  /** Slots when full: a power of two, at most half used, so probe sequences stay short. */
  private static final int MAX_SLOTS = MAX_ENTRIES * 2;

  private String[] strings = new String[16];
  /** The chars of each String, compared with one array comparison. */
  private char[][] chars = new char[16][];
  private int[] hashes = new int[16];
  private int size;

  /** The String of {@code buf[offset, offset + len)}; the same instance for the same chars. */
  String get(char[] buf, int offset, int len) {
    if (len > MAX_LENGTH) {
      return new String(buf, offset, len);
    }
    int h = hash(buf, offset, len);
    char[][] cs = chars;
    int mask = cs.length - 1;
    int slot = (h ^ (h >>> 16)) & mask;
    while (true) {
      char[] c = cs[slot];
      if (c == null) {
        break;
      }
      if (hashes[slot] == h && Arrays.equals(c, 0, c.length, buf, offset, offset + len)) {
        return strings[slot];
      }
      slot = (slot + 1) & mask;
    }
    String s = new String(buf, offset, len);
    if (size < MAX_ENTRIES) {
      strings[slot] = s;
      cs[slot] = Arrays.copyOfRange(buf, offset, offset + len);
      hashes[slot] = h;
      if (++size * 2 > cs.length && cs.length < MAX_SLOTS) {
        grow();
      }
    }
    return s;
  }

  /** {@link String#hashCode}'s value, four chars a step: a quarter of the serial multiplications. */
  private static int hash(char[] buf, int offset, int len) {
    int h = 0;
    int i = offset;
    int end = offset + len;
    for (; i + 3 < end; i += 4) {
      h = 923521 * h + 29791 * buf[i] + 961 * buf[i + 1] + 31 * buf[i + 2] + buf[i + 3];
    }
    for (; i < end; i++) {
      h = 31 * h + buf[i];
    }
    return h;
  }

  private void grow() {
    String[] oldStrings = strings;
    char[][] oldChars = chars;
    int[] oldHashes = hashes;
    int n = oldChars.length * 2;
    strings = new String[n];
    chars = new char[n][];
    hashes = new int[n];
    for (int i = 0; i < oldChars.length; i++) {
      if (oldChars[i] != null) {
        int h = oldHashes[i];
        int slot = (h ^ (h >>> 16)) & (n - 1);
        while (chars[slot] != null) {
          slot = (slot + 1) & (n - 1);
        }
        strings[slot] = oldStrings[i];
        chars[slot] = oldChars[i];
        hashes[slot] = h;
      }
    }
  }

  /** Distinct values kept (at most {@link #MAX_ENTRIES}). */
  int size() {
    return size;
  }
}
