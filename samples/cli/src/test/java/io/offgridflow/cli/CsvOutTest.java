package io.offgridflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvOutTest {
  private static String text(int bufferBytes, String... values) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CsvOut out = new CsvOut(bytes, bufferBytes)) {
      for (String v : values) {
        out.text(v).append('|');
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void quotesOnlyWhatNeedsQuotes() {
    assertThat(text(64, "a1", "", "r,1", "say \"hi\"", "two\nlines", "cr\r", "Zürich", "Zü,rich"))
        .isEqualTo("a1||\"r,1\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"cr\r\"|Zürich|\"Zü,rich\"|");
  }

  @Test
  void textLongerThanTheBufferOrThanWhatIsLeftOfIt() {
    String longText = "x".repeat(100);
    assertThat(text(16, "abcdefghij", "klmnopqrst", longText, "a,b".repeat(20)))
        .isEqualTo("abcdefghij|klmnopqrst|" + longText + "|\"" + "a,b".repeat(20) + "\"|");
  }
}
