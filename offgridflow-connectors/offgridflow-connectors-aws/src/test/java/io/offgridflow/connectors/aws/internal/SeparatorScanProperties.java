package io.offgridflow.connectors.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The eight-bytes-at-a-time separator scan finds exactly what a byte-by-byte scan finds. */
class SeparatorScanProperties {

  @Provide
  Arbitrary<byte[]> text() {
    // Mostly field bytes, including UTF-8 lead/continuation bytes (>= 0x80), with some separators.
    Arbitrary<Byte> any = Arbitraries.bytes();
    Arbitrary<Byte> separators = Arbitraries.of((byte) ',', (byte) '\n', (byte) '\r');
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, any), net.jqwik.api.Tuple.of(1, separators))
        .array(byte[].class).ofMaxSize(80);
  }

  @Property(tries = 2000)
  void findsTheFirstSeparatorAsAByteByByteScanDoes(@ForAll("text") byte[] b, @ForAll @IntRange(max = 80) int from) {
    int start = Math.min(from, b.length);
    int expected = b.length;
    for (int i = start; i < b.length; i++) {
      if (b[i] == ',' || b[i] == '\n' || b[i] == '\r') {
        expected = i;
        break;
      }
    }
    assertThat(CurTokenizer.nextSeparator(b, start, b.length)).isEqualTo(expected);
  }
}
