package io.offgridflow.connectors.aws.internal;

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
    int h = 0;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + buf[i];
    }
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

  private static boolean equal(byte[] a, byte[] buf, int off, int len) {
    return a.length == len && Arrays.equals(a, 0, len, buf, off, off + len);
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
