package io.offgridflow.connectors.aws.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Interns the values of one CUR column as small ints straight from the parser's byte buffer, so a
 * repeated value (usage type, region, account) costs a hash and a compare, never a String (the
 * String is decoded from UTF-8 once, for the first occurrence). A CUR has
 * a few thousand distinct values per column; the table grows as needed.
 */
final class BytePool {
  private int[] slots = new int[1024]; // id + 1, 0 = empty
  private int[] hashes = new int[1024];
  private final List<String> values = new ArrayList<>();
  private final List<byte[]> chars = new ArrayList<>();

  int id(byte[] buf, int off, int len) {
    int h = hash(buf, off, len);
    int mask = slots.length - 1;
    int i = mix(h) & mask;
    while (true) {
      int s = slots[i];
      if (s == 0) {
        return add(buf, off, len, h, i);
      }
      if (hashes[i] == h && equal(chars.get(s - 1), buf, off, len)) {
        return s - 1;
      }
      i = (i + 1) & mask;
    }
  }


  String value(int id) {
    return values.get(id);
  }

  int size() {
    return values.size();
  }

  private static int mix(int h) {
    return h ^ (h >>> 16) * 0x45d9f3b;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * Eight bytes per step: a CUR row interns nine values of 10 to 40 bytes, and a byte-at-a-time
   * {@code 31 * h + b} chain (one multiply latency per byte) was a visible part of the CSV profile.
   */
  static int hash(byte[] buf, int off, int len) {
    long h = len;
    int i = off;
    int end = off + len;
    for (; i + 8 <= end; i += 8) {
      h = (h ^ (long) LONGS.get(buf, i)) * 0x9E3779B97F4A7C15L;
    }
    for (; i < end; i++) {
      h = (h ^ buf[i]) * 0x100000001B3L;
    }
    h ^= h >>> 29;
    return (int) (h ^ (h >>> 32));
  }

  /** Equal bytes, eight at a time ({@code Arrays.equals} on ranges costs more than the compare for short values). */
  private static boolean equal(byte[] a, byte[] buf, int off, int len) {
    if (a.length != len) {
      return false;
    }
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      if ((long) LONGS.get(a, i) != (long) LONGS.get(buf, off + i)) {
        return false;
      }
    }
    for (; i < len; i++) {
      if (a[i] != buf[off + i]) {
        return false;
      }
    }
    return true;
  }

  private int add(byte[] buf, int off, int len, int h, int slot) {
    int id = values.size();
    byte[] c = Arrays.copyOfRange(buf, off, off + len);
    chars.add(c);
    values.add(new String(c, java.nio.charset.StandardCharsets.UTF_8));
    slots[slot] = id + 1;
    hashes[slot] = h;
    if (values.size() * 2 > slots.length) {
      rehash();
    }
    return id;
  }

  private void rehash() {
    int n = slots.length * 2;
    int[] s = new int[n];
    int[] hs = new int[n];
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] != 0) {
        int j = mix(hashes[i]) & (n - 1);
        while (s[j] != 0) {
          j = (j + 1) & (n - 1);
        }
        s[j] = slots[i];
        hs[j] = hashes[i];
      }
    }
    slots = s;
    hashes = hs;
  }
}
