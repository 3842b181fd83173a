package io.offgridflow.connectors.aws.parquet;

import java.util.Arrays;
import org.apache.parquet.column.values.bitpacking.BytePacker;
import org.apache.parquet.column.values.bitpacking.Packer;

/**
 * Parquet's RLE / bit-packed hybrid encoding (definition levels and dictionary ids), a whole page's
 * values decoded in one call into an int array. parquet-java's own decoder hands out one value per
 * call, which with its column reader's per-value bookkeeping was about half the CPU of a CUR read;
 * here a run of equal values is one {@link Arrays#fill}, and bit-packed groups go through
 * parquet-java's generated unpackers eight values at a time.
 */
final class HybridDecoder {
  private byte[] data = new byte[0];
  private int at;
  private int end;
  private int bitWidth = -1;
  private BytePacker packer = Packer.LITTLE_ENDIAN.newBytePacker(0);
  private final int[] eight = new int[8];

  /** Decodes from {@code data[from..to)} values of {@code bitWidth} bits (0 to 32). */
  void init(byte[] data, int from, int to, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new IllegalStateException("bit width " + bitWidth + " is not 0 to 32");
    }
    this.data = data;
    this.at = from;
    this.end = to;
    if (bitWidth != this.bitWidth) {
      this.packer = Packer.LITTLE_ENDIAN.newBytePacker(bitWidth);
      this.bitWidth = bitWidth;
    }
  }

  /** Position after the last byte read. */
  int position() {
    return at;
  }

  /**
   * Decodes exactly {@code n} values into {@code out[0..n)}; the last run or bit-packed group may
   * hold more (padding), which is dropped: callers decode a page's values in one call.
   *
   * @throws IllegalStateException when the encoded data ends first (a corrupt page)
   */
  void read(int[] out, int n) {
    int done = 0;
    int valueBytes = (bitWidth + 7) >>> 3;
    while (done < n) {
      int header = varint();
      if ((header & 1) == 0) {
        int count = header >>> 1;
        need(valueBytes);
        int value = 0;
        for (int b = 0; b < valueBytes; b++) {
          value |= (data[at++] & 0xff) << (8 * b);
        }
        int take = Math.min(count, n - done);
        Arrays.fill(out, done, done + take, value);
        done += take;
      } else {
        int groups = header >>> 1;
        // The last group of a page may be cut short by the writer: decode what is there.
        for (int g = 0; g < groups && done < n; g++) {
          need(bitWidth);
          if (bitWidth == 0) {
            // parquet-java's width-0 unpacker writes nothing; the values are all 0.
            int take = Math.min(8, n - done);
            Arrays.fill(out, done, done + take, 0);
            done += take;
          } else if (n - done >= 8) {
            packer.unpack8Values(data, at, out, done);
            done += 8;
          } else {
            packer.unpack8Values(data, at, eight, 0);
            System.arraycopy(eight, 0, out, done, n - done);
            done = n;
          }
          at += bitWidth;
        }
      }
    }
  }

  private int varint() {
    int v = 0;
    int shift = 0;
    while (true) {
      need(1);
      int b = data[at++] & 0xff;
      v |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
      shift += 7;
      if (shift > 28) {
        throw new IllegalStateException("bad run header (varint longer than 5 bytes)");
      }
    }
  }

  private void need(int bytes) {
    if (at + bytes > end) {
      throw new IllegalStateException("RLE/bit-packed data ends early: " + bytes + " more bytes needed at offset "
          + at + ", the data ends at " + end);
    }
  }
}
