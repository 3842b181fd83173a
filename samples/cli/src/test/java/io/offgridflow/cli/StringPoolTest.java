package io.offgridflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StringPoolTest {
  private static String get(StringPool pool, String text) {
    // The text inside a larger buffer, as the CSV parser hands it over.
    char[] buf = ("<<" + text + ">>").toCharArray();
    return pool.get(buf, 2, text.length());
  }

  @Test
  void theSameTextIsTheSameInstance() {
    StringPool pool = new StringPool();
    String first = get(pool, "US-NWPP");
    assertThat(first).isEqualTo("US-NWPP");
    assertThat(get(pool, "US-NWPP")).isSameAs(first);
    assertThat(get(pool, "US-NYCW")).isEqualTo("US-NYCW").isNotSameAs(first);
    assertThat(pool.size()).isEqualTo(2);
  }

  @Test
  void textsWithEqualHashCodesAreToldApart() {
    StringPool pool = new StringPool();
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    String aa = get(pool, "Aa");
    String bb = get(pool, "BB");
    assertThat(aa).isEqualTo("Aa");
    assertThat(bb).isEqualTo("BB");
    assertThat(get(pool, "Aa")).isSameAs(aa);
    assertThat(get(pool, "BB")).isSameAs(bb);
  }

  @Test
  void keepsAtMostItsBoundAndStillReturnsEveryText() {
    StringPool pool = new StringPool();
    int n = StringPool.MAX_ENTRIES + 1000;
    for (int i = 0; i < n; i++) {
      assertThat(get(pool, "site-" + i)).isEqualTo("site-" + i);
    }
    assertThat(pool.size()).isEqualTo(StringPool.MAX_ENTRIES);
    for (int i = 0; i < n; i++) {
      String s = get(pool, "site-" + i);
      assertThat(s).isEqualTo("site-" + i);
      if (i < StringPool.MAX_ENTRIES) {
        assertThat(get(pool, "site-" + i)).isSameAs(s);
      }
    }
  }

  @Test
  void longTextIsNotKept() {
    StringPool pool = new StringPool();
    String text = "x".repeat(StringPool.MAX_LENGTH + 1);
    String s = get(pool, text);
    assertThat(s).isEqualTo(text);
    assertThat(get(pool, text)).isEqualTo(text).isNotSameAs(s);
    assertThat(pool.size()).isZero();
    String fits = "y".repeat(StringPool.MAX_LENGTH);
    assertThat(get(pool, fits)).isSameAs(get(pool, fits));
  }

  @Test
  void emptyAndNonAsciiText() {
    StringPool pool = new StringPool();
    assertThat(get(pool, "")).isEmpty();
    assertThat(get(pool, "Zürich")).isEqualTo("Zürich").isSameAs(get(pool, "Zürich"));
  }
}
