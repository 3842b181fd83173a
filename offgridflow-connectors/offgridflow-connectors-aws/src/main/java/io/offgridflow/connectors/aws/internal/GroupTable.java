package io.offgridflow.connectors.aws.internal;

import java.util.Arrays;

/**
 * Open-addressing sums keyed by a fixed number of ints (group-by value ids, -1 when a key is not
 * grouped): two double sums and a count per key, no object per row. Memory grows with the number
 * of groups, never with the number of rows.
 *
 * <p>Per-row callers that can pack the key into a long ({@link #add(long, int[], double, double, long)})
 * find the slot through a long-keyed index first: one multiply-hash and one compare instead of
 * hashing and comparing the int key (that was the largest single cost per row).
 */
final class GroupTable {
  final int width;
  private int capacity = 256;
  private int[] keys;
  private boolean[] used;
  double[] a;
  double[] b;
  long[] count;
  private int size;

  // Long-keyed index: packed key -> slot + 1 (0 = empty). Cleared when the table grows (slots move).
  private long[] fastKeys = new long[512];
  private int[] fastSlots = new int[512];
  private int fastSize;

  GroupTable(int width) {
    this.width = width;
    alloc(capacity);
  }

  private void alloc(int cap) {
    keys = new int[cap * width];
    used = new boolean[cap];
    a = new double[cap];
    b = new double[cap];
    count = new long[cap];
  }

  /** The slot of a key, inserted if absent. */
  int slot(int[] key) {
    int h = 1;
    for (int k : key) {
      h = 31 * h + k;
    }
    h ^= h >>> 15;
    h *= 0x2c1b3c6d;
    h ^= h >>> 12;
    int mask = capacity - 1;
    int i = h & mask;
    while (used[i]) {
      if (Arrays.equals(keys, i * width, i * width + width, key, 0, width)) {
        return i;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    System.arraycopy(key, 0, keys, i * width, width);
    if (++size * 2 > capacity) {
      grow();
      return slot(key);
    }
    return i;
  }

  void add(int[] key, double da, double db, long n) {
    int s = slot(key);
    a[s] += da;
    b[s] += db;
    count[s] += n;
  }

  /** As {@link #add(int[], double, double, long)}; {@code packed} is a one-to-one packing of {@code key}. */
  void add(long packed, int[] key, double da, double db, long n) {
    int s = fastSlot(packed, key);
    a[s] += da;
    b[s] += db;
    count[s] += n;
  }


  private int fastSlot(long packed, int[] key) {
    int mask = fastKeys.length - 1;
    int i = LongMap.hash(packed) & mask;
    int s;
    while ((s = fastSlots[i]) != 0) {
      if (fastKeys[i] == packed) {
        return s - 1;
      }
      i = (i + 1) & mask;
    }
    int before = capacity;
    int slot = slot(key);
    if (capacity != before) {
      return fastSlot(packed, key); // grow() cleared the index: probe again
    }
    fastKeys[i] = packed;
    fastSlots[i] = slot + 1;
    if (++fastSize * 2 > fastKeys.length) {
      fastKeys = new long[fastKeys.length * 2];
      fastSlots = new int[fastSlots.length * 2];
      fastSize = 0; // rebuilt lazily, as rows come
    }
    return slot;
  }

  private void clearFast() {
    java.util.Arrays.fill(fastSlots, 0);
    fastSize = 0;
  }

  int capacity() {
    return capacity;
  }

  boolean used(int slot) {
    return used[slot];
  }

  int key(int slot, int k) {
    return keys[slot * width + k];
  }

  private void grow() {
    clearFast(); // every slot moves
    int[] oldKeys = keys;
    boolean[] oldUsed = used;
    double[] oa = a;
    double[] ob = b;
    long[] oc = count;
    int oldCap = capacity;
    capacity *= 2;
    alloc(capacity);
    size = 0;
    int[] k = new int[width];
    for (int i = 0; i < oldCap; i++) {
      if (oldUsed[i]) {
        System.arraycopy(oldKeys, i * width, k, 0, width);
        int s = slot(k);
        a[s] = oa[i];
        b[s] = ob[i];
        count[s] = oc[i];
      }
    }
  }
}
