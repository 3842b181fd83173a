package io.offgridflow.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.SyncContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input fails naming file, line and column; nothing is counted or checkpointed. */
class CurErrorsTest {
  static final String HEADER = CurEstimatesTest.HEADER;

  static OffGridFlowException fail(Path f, CurFormat format) {
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    try {
      CurConnector.builder().file(f).format(format).build().sync(SyncContext.builder().stateStore(store).build());
    } catch (OffGridFlowException e) {
      assertThat(store.list("aws-cur")).isEmpty();
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void aBadNumberNamesFileLineAndColumn(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, HEADER
        + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,BoxUsage:m5.large,1,0.1,Hrs,us-east-1,2,\n"
        + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,BoxUsage:m5.large,1O,0.1,Hrs,us-east-1,2,\n");
    OffGridFlowException e = fail(f, CurFormat.AUTO);
    assertThat(e.code()).isEqualTo(CloudErrorCode.INVALID_BILL);
    assertThat(e.getMessage()).contains("bad.csv:3: column lineItem/UsageAmount (6): value '1O' is not a number");
  }

  @Test
  void aMissingColumnOrWrongFormatIsReported(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("nounit.csv");
    Files.writeString(f, HEADER.replace("pricing/unit", "pricing/other") + "Usage,2025-01-03T00:00:00Z,1,A,B,1,1,Hrs,r,,\n");
    OffGridFlowException e = fail(f, CurFormat.AUTO);
    assertThat(e.code()).isEqualTo(CloudErrorCode.UNSUPPORTED_BILL_FORMAT);
    assertThat(e.getMessage()).contains("nounit.csv:1").contains("pricing/unit");
    Path g = dir.resolve("cur1.csv");
    Files.writeString(g, HEADER);
    assertThat(fail(g, CurFormat.CUR2).getMessage()).contains("line_item_line_item_type").contains("--format");
    Path h = dir.resolve("notcur.csv");
    Files.writeString(h, "a,b\n1,2\n");
    assertThat(fail(h, CurFormat.AUTO).getMessage()).contains("notcur.csv:1: not a CUR");
  }

  @Test
  void aTruncatedRowAndABadDateAreReported(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("short.csv");
    Files.writeString(f, HEADER + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2\n");
    assertThat(fail(f, CurFormat.AUTO).getMessage()).contains("short.csv:2: row has 4 fields, the header has 11");
    Path d = dir.resolve("date.csv");
    Files.writeString(d, HEADER + "Usage,yesterday,1,AmazonEC2,BoxUsage:m5.large,1,0.1,Hrs,us-east-1,2,\n");
    assertThat(fail(d, CurFormat.AUTO).getMessage()).contains("date.csv:2: column lineItem/UsageStartDate (2)");
  }

  @Test
  void aMissingFileIsReportedAtBuild(@TempDir Path dir) {
    assertThatThrownBy(() -> CurConnector.builder().file(dir.resolve("none.csv.gz")).build())
        .isInstanceOf(OffGridFlowException.class).hasMessageContaining("none.csv.gz: no such file");
  }

  @Test
  void aCorruptGzipIsAnUnreadableSource(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("corrupt.csv.gz");
    Files.write(f, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7});
    OffGridFlowException e = fail(f, CurFormat.AUTO);
    assertThat(e.code()).isEqualTo(CloudErrorCode.SOURCE_UNREADABLE);
    assertThat(e.getMessage()).contains("corrupt.csv.gz");
  }
}
