package io.offgridflow.connectors.aws.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.aws.CurConnector;
import io.offgridflow.connectors.aws.CurResult;
import io.offgridflow.connectors.aws.GroupKey;
import io.offgridflow.connectors.aws.SourceOutcome;
import io.offgridflow.connectors.aws.parquet.fixtures.CurParquetWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through the public connector: with this artifact on the class path, Parquet parts just work. */
class ParquetConnectorTest {
  static final List<GroupKey> KEYS = GroupKey.parseList("class,service,region,account,month");

  private static CurResult sync(Path... files) {
    CurConnector.Builder b = CurConnector.builder().groupBy(KEYS);
    for (Path f : files) {
      b.file(f);
    }
    return b.build().sync(SyncContext.builder().build());
  }

  @Test
  void aParquetPartCountsLikeTheSameRowsAsCsvAlongsideACsvPart(@TempDir Path dir) throws IOException {
    CurParquetWriter first = CurParquetWriter.builder().rows(6000).seed(11).build();
    CurParquetWriter second = CurParquetWriter.builder().rows(4000).seed(12).build();
    Path firstParquet = dir.resolve("part-1.snappy.parquet");
    Path firstCsv = dir.resolve("part-1.csv");
    Path secondCsv = dir.resolve("part-2.csv");
    first.write(firstParquet);
    first.writeCsv(firstCsv);
    second.writeCsv(secondCsv);

    CurResult allCsv = sync(firstCsv, secondCsv);
    CurResult mixed = sync(firstParquet, secondCsv);

    assertThat(allCsv.accounting().read()).isEqualTo(6000 + 4000);
    assertThat(mixed.accounting()).isEqualTo(allCsv.accounting());
    assertThat(mixed.groups()).isEqualTo(allCsv.groups());
    assertThat(mixed.sources()).extracting(SourceOutcome::rows).containsExactly(6000L, 4000L);
  }
}
