package io.offgridflow.connectors.aws.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.connectors.aws.CurFormat;
import io.offgridflow.connectors.aws.parquet.ParquetRuns.Outcome;
import io.offgridflow.connectors.aws.parquet.fixtures.CurParquetWriter;
import io.offgridflow.connectors.aws.parquet.fixtures.CurParquetWriter.Naming;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same generated rows as Parquet and as CSV must give the same groups and row accounting. The
 * arithmetic per row is the same in both paths and the rows come in the same order, so the sums are
 * expected bit for bit, not within a tolerance.
 */
class ParquetCurReaderTest {
  static final int ROWS = 10_000;
  @TempDir Path dir;

  private void assertSameAsCsv(CurParquetWriter w, String name) throws IOException {
    Path parquet = dir.resolve(name + ".parquet");
    Path csv = dir.resolve(name + ".csv");
    w.write(parquet);
    w.writeCsv(csv);
    Outcome fromCsv = ParquetRuns.csv(csv, w.csvFormat(), ParquetRuns.ALL_KEYS);
    Outcome fromParquet = ParquetRuns.parquet(parquet, ParquetRuns.ALL_KEYS);
    assertThat(fromCsv.accounting().read()).isEqualTo(ROWS);
    assertThat(fromParquet.accounting()).isEqualTo(fromCsv.accounting());
    assertThat(fromParquet.groups()).isEqualTo(fromCsv.groups());
  }

  @Test
  void cur2TypedParquetGivesTheCsvGroupsAndAccounting() throws IOException {
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(3).build(), "typed");
  }

  @Test
  void cur1AthenaNamingIsReadWithItsVcpuColumn() throws IOException {
    CurParquetWriter w = CurParquetWriter.builder().rows(ROWS).seed(4).naming(Naming.CUR1_ATHENA).build();
    assertThat(w.csvFormat()).isEqualTo(CurFormat.CUR1);
    assertSameAsCsv(w, "athena");
  }

  @Test
  void plainPagesSmallRowGroupsAndAnotherCodecGiveTheSameResult() throws IOException {
    // No dictionary: every value goes through the plain (non-dictionary) decode path; 3,001-row row
    // groups make batches end mid row group and row groups end mid batch.
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(5).dictionary(false).rowGroupRows(3001)
        .codec(CompressionCodecName.GZIP).build(), "plain");
  }

  @Test
  void format2PagesAndDeltaEncodingsGiveTheSameResult() throws IOException {
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(8).writerVersion2(true).dictionary(false).build(),
        "v2-plain");
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(8).writerVersion2(true).allText(true).build(), "v2");
  }

  @Test
  void numbersAndDatesStoredAsTextAreParsedAsTheCsvPathParsesThem() throws IOException {
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(6).allText(true).build(), "text");
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(6).allText(true).dictionary(false).build(),
        "text-plain");
  }

  @Test
  void recognizesOnlyThePar1Magic() {
    ParquetCurReader r = new ParquetCurReader();
    assertThat(r.formatName()).isEqualTo("parquet");
    assertThat(r.recognizes("PAR1xxxx".getBytes(StandardCharsets.US_ASCII), 8)).isTrue();
    assertThat(r.recognizes("PAR1".getBytes(StandardCharsets.US_ASCII), 3)).isFalse();
    assertThat(r.recognizes("line_item".getBytes(StandardCharsets.US_ASCII), 9)).isFalse();
    assertThat(r.recognizes(new byte[] {0x1f, (byte) 0x8b, 8, 0}, 4)).isFalse();
  }
}
