package io.offgridflow.connectors.aws.internal;

import org.jspecify.annotations.Nullable;

/** Open-addressing long-to-object map: the per-row rule lookup without boxing the key. */
final class LongMap<V> {
  private long[] keys = new long[1024];
  private @Nullable Object[] values = new Object[1024];
  private int size;

  @SuppressWarnings("unchecked")
  @Nullable V get(long k) {
    int mask = keys.length - 1;
    int i = hash(k) & mask;
    Object v;
    while ((v = values[i]) != null) {
      if (keys[i] == k) {
        return (V) v;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  void put(long k, V v) {
    int mask = keys.length - 1;
    int i = hash(k) & mask;
    while (values[i] != null) {
      if (keys[i] == k) {
        values[i] = v;
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = k;
    values[i] = v;
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  /**
   * MurmurHash3's finalizer, for open-addressing tables keyed by packed longs: such keys are bit
   * fields (usage type id in the high bits, ...), and a plain multiply left the low (index) bits
   * nearly constant across keys, so probes ran long.
   */
  static int hash(long k) {
    long h = k;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) h;
  }

  @SuppressWarnings("unchecked")
  private void grow() {
    long[] ok = keys;
    Object[] ov = values;
    keys = new long[ok.length * 2];
    values = new Object[ov.length * 2];
    size = 0;
    for (int i = 0; i < ok.length; i++) {
      if (ov[i] != null) {
        put(ok[i], (V) ov[i]);
      }
    }
  }
}
