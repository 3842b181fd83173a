package io.offgridflow.connectors.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.aws.CurConnector;
import io.offgridflow.connectors.aws.CurResult;
import io.offgridflow.connectors.aws.fixtures.CurGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and objects in a columnar format go to the {@code ColumnarCurReader} that recognizes their
 * first bytes (found with ServiceLoader); Parquet with no reader on the class path fails naming the
 * artifact to add. The Parquet artifact is not a dependency here, so its absence is the real case.
 * (The S3 case, copied to a temporary file first, is in {@link CurS3Test}.)
 */
class ColumnarSeamTest {
  /** {@code csv} with the test format's magic in front. */
  static Path magic(Path csv, Path out) throws IOException {
    try (OutputStream o = Files.newOutputStream(out)) {
      o.write(MagicCsvReader.MAGIC);
      o.write(Files.readAllBytes(csv));
    }
    return out;
  }

  @Test
  void aLocalParquetFileWithoutAReaderNamesTheArtifact(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("cur-00001.snappy.parquet");
    Files.write(f, new byte[] {'P', 'A', 'R', '1', 0x15, 0x04, 0, 0, 'P', 'A', 'R', '1'});
    assertThatThrownBy(() -> CurConnector.builder().file(f).build().sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.UNSUPPORTED_BILL_FORMAT))
        .hasMessage(f + " is a Parquet file; add io.offgridflow:offgridflow-connectors-aws-parquet to the class path");
  }

  @Test
  void aRecognizedLocalFileIsReadByItsReaderInPlace(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("plain.csv");
    CurGenerator.builder().rows(1200).seed(31).build().writePlain(csv);
    Path columnar = magic(csv, dir.resolve("plain.ogfc"));
    MagicCsvReader.READ.clear();

    CurResult viaReader = CurConnector.builder().file(columnar).build().sync(SyncContext.builder().build());
    CurResult asCsv = CurConnector.builder().file(csv).build().sync(SyncContext.builder().build());

    assertThat(MagicCsvReader.READ).containsExactly(columnar);
    assertThat(viaReader.accounting()).isEqualTo(asCsv.accounting());
    assertThat(viaReader.groups()).isEqualTo(asCsv.groups());
  }
}
