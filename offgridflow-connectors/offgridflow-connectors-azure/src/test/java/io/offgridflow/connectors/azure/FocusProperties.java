package io.offgridflow.connectors.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.connectors.azure.fixtures.CostExportGenerator;
import io.offgridflow.connectors.azure.fixtures.CostExportWriter;
import io.offgridflow.connectors.azure.fixtures.CostRow;
import io.offgridflow.connectors.azure.fixtures.FocusExportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Whatever the rows, their order, the split into partitions, the column order and compression: a
 * FOCUS export accounts every row and gives the totals of the EA export of the same usage.
 */
class FocusProperties {

  @Property(tries = 10)
  void focusTotalsAndAccountingMatchTheClassicExportWhateverTheOrderAndSplit(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 1000) int rows,
      @ForAll @IntRange(min = 1, max = 4) int parts) throws IOException {
    List<CostRow> all = CostExportGenerator.builder().rows(rows).seed(seed).build().rows();
    Path dir = Files.createTempDirectory("azfocus");
    try {
      Path classic = dir.resolve("ea.csv");
      Files.write(classic, CostExportWriter.of(CostExportSchema.EA).write(all));
      AzureCostResult a = CostProperties.sync(List.of(classic));

      List<List<CostRow>> chunks = CostProperties.shuffledParts(all, seed, parts);
      List<Path> split = new ArrayList<>();
      for (int p = 0; p < chunks.size(); p++) {
        Path f = dir.resolve("part_" + p + "_0001" + (p % 2 == 0 ? ".csv.gz" : ".csv"));
        Files.write(f, FocusExportWriter.create().gzip(p % 2 == 0).shuffleColumns(seed + p).write(chunks.get(p)));
        split.add(f);
      }
      AzureCostResult b = CostProperties.sync(split);

      RowAccounting acc = b.accounting();
      CostProperties.assertEveryRowAccounted(acc, rows);
      FocusExportTest.sameCounts(acc, a.accounting());
      assertThat(b.totalKwh()).isCloseTo(a.totalKwh(), within(1e-9 * Math.max(1, a.totalKwh())));
      assertThat(b.totalCo2eKg()).isCloseTo(a.totalCo2eKg(), within(1e-9 * Math.max(1, a.totalCo2eKg())));
      assertThat(b.groups()).extracting(AzureCostGroup::key)
          .isEqualTo(a.groups().stream().map(AzureCostGroup::key).toList());
    } finally {
      CostProperties.delete(dir);
    }
  }
}
