package io.offgridflow.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.SyncContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV syntax the byte tokenizer must handle: BOM, CRLF, quotes, quoted line breaks, blank lines, long records. */
class CurCsvSyntaxTest {
  static final String HEADER = CurEstimatesTest.HEADER.replace("\n", "");
  static final String NET = "Usage,2025-01-03T00:00:00Z,2,AmazonS3,USW2-DataTransfer-Out-Bytes,50,4.5,GB,us-west-2,,";

  static CurResult sync(Path f) {
    return CurConnector.builder().file(f).groupBy(List.of(GroupKey.CLASS, GroupKey.USAGE_TYPE)).build()
        .sync(SyncContext.builder().build());
  }

  @Test
  void bomCrlfQuotesLineBreaksAndBlankLines(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("syntax.csv");
    String text = "\uFEFF" + HEADER + "\r\n"
        + NET + "\"multi\r\nline, \"\"quoted\"\" description\"\r\n"
        + "\r\n"
        + "Usage,2025-01-03T00:00:00Z,2,AmazonS3,\"USW2-DataTransfer-Out-Bytes\",\"50\",4.5,GB,us-west-2,,x\r\n"
        + "Usage,2025-01-03T00:00:00Z,2,AmazonS3,USW2-Data\"\"X,1,1,GB,us-west-2,,\n"
        + NET + "no line end at the end";
    Files.write(f, text.getBytes(StandardCharsets.UTF_8));
    CurResult r = sync(f);
    assertThat(r.accounting().read()).isEqualTo(4);
    CurGroup net = r.groups().stream().filter(g -> g.key().get(0).equals("networking")).findFirst().orElseThrow();
    // three 50 GB networking rows: 150 x 0.001 kWh/GB x PUE 1.135
    assertThat(net.kwh()).isCloseTo(150 * 0.001 * 1.135, within(1e-12));
    assertThat(net.rows()).isEqualTo(3);
  }

  @Test
  void escapedQuotesInANeededFieldAreUnescaped(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("esc.csv");
    Files.writeString(f, HEADER + "\n"
        + "Usage,2025-01-03T00:00:00Z,2,AmazonS3,\"US\"\"W2\",1,1,GB,us-west-2,,\n");
    assertThat(sync(f).groups()).extracting(g -> g.key().get(1)).contains("US\"W2");
  }

  @Test
  void aRecordLongerThanTheBufferIsRead(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("long.csv");
    String huge = "x".repeat(3_000_000); // longer than the tokenizer's initial buffer
    Files.writeString(f, HEADER + "\n" + NET + "\"" + huge + "\"\n" + NET + "\n");
    assertThat(sync(f).accounting().read()).isEqualTo(2);
  }

  @Test
  void lineNumbersCountQuotedLineBreaks(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("lines.csv");
    Files.writeString(f, HEADER + "\n" + NET + "\"a\nb\nc\"\n"
        + "Usage,2025-01-03T00:00:00Z,2,AmazonS3,X,oops,1,GB,us-west-2,,\n");
    assertThatThrownBy(() -> sync(f)).isInstanceOf(OffGridFlowException.class)
        .hasMessageContaining("lines.csv:5: column lineItem/UsageAmount");
  }

  @Test
  void anUnclosedQuoteIsAnError(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("open.csv");
    Files.writeString(f, HEADER + "\n" + NET + "\"never closed\n");
    assertThatThrownBy(() -> sync(f)).isInstanceOf(OffGridFlowException.class)
        .hasMessageContaining("open.csv:2: a quoted field is not closed");
  }
}
