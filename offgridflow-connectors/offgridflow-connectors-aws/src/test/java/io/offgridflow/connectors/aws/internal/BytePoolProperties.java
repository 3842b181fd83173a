package io.offgridflow.connectors.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Interning gives one id per distinct byte sequence, wherever in a buffer it sits, and gives back its text. */
class BytePoolProperties {

  @Property(tries = 300)
  void equalBytesShareAnIdAndDistinctBytesDoNot(
      @ForAll @Size(max = 300) List<@StringLength(max = 40) String> values, @ForAll @IntRange(max = 13) int pad) {
    BytePool pool = new BytePool();
    Map<String, Integer> seen = new HashMap<>();
    for (String v : values) {
      byte[] text = v.getBytes(StandardCharsets.UTF_8);
      // The value at an arbitrary offset inside a bigger buffer, as the tokenizer hands it over.
      byte[] buf = new byte[pad + text.length + 7];
      System.arraycopy(text, 0, buf, pad, text.length);
      int id = pool.id(buf, pad, text.length);
      Integer before = seen.putIfAbsent(v, id);
      assertThat(id).isEqualTo(before == null ? seen.size() - 1 : before);
      assertThat(pool.value(id)).isEqualTo(v);
    }
    assertThat(pool.size()).isEqualTo(seen.size());
  }
}
