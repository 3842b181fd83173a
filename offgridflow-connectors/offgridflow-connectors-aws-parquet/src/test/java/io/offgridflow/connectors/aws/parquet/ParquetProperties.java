package io.offgridflow.connectors.aws.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.connectors.aws.parquet.ParquetRuns.Outcome;
import io.offgridflow.connectors.aws.parquet.fixtures.CurParquetWriter;
import io.offgridflow.connectors.aws.parquet.fixtures.CurParquetWriter.Naming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever the rows and however they are laid out in Parquet, the result is the CSV result of the same rows. */
class ParquetProperties {

  @Property(tries = 16)
  void parquetAndCsvOfTheSameRowsGiveTheSameGroupsAndAccounting(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 3000) int rows,
      @ForAll Naming naming, @ForAll boolean allText, @ForAll boolean dictionary,
      @ForAll @IntRange(min = 1, max = 5000) int rowGroupRows, @ForAll boolean v2) throws IOException {
    CurParquetWriter w = CurParquetWriter.builder().rows(rows).seed(seed).naming(naming).allText(allText)
        .dictionary(dictionary).rowGroupRows(rowGroupRows).writerVersion2(v2).build();
    assertSameAsCsv(w, rows, List.of());
  }

  @Property(tries = 12)
  void groupedByTagsParquetAndCsvOfTheSameRowsGiveTheSameGroups(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 3000) int rows,
      @ForAll Naming naming, @ForAll boolean dictionary, @ForAll @IntRange(min = 1, max = 5000) int rowGroupRows,
      @ForAll @IntRange(min = 1, max = 400) int pageRows, @ForAll boolean v2) throws IOException {
    CurParquetWriter w = CurParquetWriter.builder().rows(rows).seed(seed).naming(naming).dictionary(dictionary)
        .rowGroupRows(rowGroupRows).pageRows(pageRows).writerVersion2(v2).build();
    assertSameAsCsv(w, rows, List.of("user:team", "user:absent"));
  }

  private static void assertSameAsCsv(CurParquetWriter w, int rows, List<String> tags) throws IOException {
    Path dir = Files.createTempDirectory("pqprop");
    try {
      Path parquet = dir.resolve("cur.parquet");
      Path csv = dir.resolve("cur.csv");
      w.write(parquet);
      w.writeCsv(csv);
      Outcome fromCsv = ParquetRuns.csv(csv, w.csvFormat(), ParquetRuns.ALL_KEYS, tags);
      Outcome fromParquet = ParquetRuns.parquet(parquet, ParquetRuns.ALL_KEYS, tags);
      assertThat(fromParquet.accounting().read()).isEqualTo(rows);
      assertThat(fromParquet.accounting()).isEqualTo(fromCsv.accounting());
      assertThat(fromParquet.groups()).isEqualTo(fromCsv.groups());
    } finally {
      try (var s = Files.list(dir)) {
        s.forEach(p -> p.toFile().delete());
      }
      Files.deleteIfExists(dir);
    }
  }
}
