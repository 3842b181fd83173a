package io.offgridflow.connectors.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.azure.fixtures.CostExportGenerator;
import io.offgridflow.connectors.azure.fixtures.CostExportWriter;
import io.offgridflow.connectors.azure.fixtures.CostRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Whatever the rows, their order, the file split, the column set and compression: every row is
 * accounted for, the totals are the same, and a re-run never counts an export twice.
 */
class CostProperties {

  @Property(tries = 12)
  void accountingBalancesAndTotalsDoNotDependOnOrderSplitOrColumnSet(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 1200) int rows,
      @ForAll @IntRange(min = 1, max = 4) int parts) throws IOException {
    List<CostRow> all = CostExportGenerator.builder().rows(rows).seed(seed).build().rows();
    Path dir = Files.createTempDirectory("azprop");
    try {
      Path straight = dir.resolve("straight.csv");
      Files.write(straight, CostExportWriter.of(CostExportSchema.EA).write(all));
      AzureCostResult a = sync(List.of(straight));

      List<List<CostRow>> chunks = shuffledParts(all, seed, parts);
      List<Path> split = new ArrayList<>();
      for (int p = 0; p < chunks.size(); p++) {
        CostExportSchema schema = p % 2 == 0 ? CostExportSchema.MCA : CostExportSchema.EA;
        Path f = dir.resolve("part" + p + (p % 2 == 0 ? ".csv.gz" : ".csv"));
        Files.write(f, CostExportWriter.of(schema).gzip(p % 2 == 0).shuffleColumns(seed + p).write(chunks.get(p)));
        split.add(f);
      }
      AzureCostResult b = sync(split);

      RowAccounting acc = a.accounting();
      assertEveryRowAccounted(acc, rows);
      assertThat(b.accounting()).isEqualTo(acc);
      assertThat(b.totalKwh()).isCloseTo(a.totalKwh(), within(1e-9 * Math.max(1, a.totalKwh())));
      assertThat(b.totalCo2eKg()).isCloseTo(a.totalCo2eKg(), within(1e-9 * Math.max(1, a.totalCo2eKg())));
      assertThat(a.totalKwh()).isNotNegative();
      assertThat(a.groups().stream().mapToLong(AzureCostGroup::rows).sum()).isGreaterThanOrEqualTo(rows);
    } finally {
      delete(dir);
    }
  }

  @Property(tries = 6)
  void aRerunNeverCountsAnExportTwice(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 400) int rows) throws IOException {
    Path root = Files.createTempDirectory("azrerun");
    try {
      Path jan = root.resolve("exp/costs/20250101-20250131");
      Files.createDirectories(jan);
      List<CostRow> older = CostExportGenerator.builder().rows(rows + 7).seed(seed + 1).build().rows();
      List<CostRow> latest = CostExportGenerator.builder().rows(rows).seed(seed).build().rows();
      write(jan.resolve("costs_a.csv"), older, Instant.parse("2025-02-01T06:00:00Z"));
      write(jan.resolve("costs_b.csv"), latest, Instant.parse("2025-02-02T06:00:00Z"));
      InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
      AzureCostExportConnector conn = AzureCostExportConnector.builder().localExportRoot(root).directory("exp")
          .exportName("costs").build();

      AzureCostResult first = conn.sync(SyncContext.builder().stateStore(store).build());
      AzureCostResult second = conn.sync(SyncContext.builder().stateStore(store).build());
      assertThat(first.accounting().read()).isEqualTo(rows);
      assertThat(second.accounting().read()).isZero();
      assertThat(second.totalKwh()).isZero();

      List<CostRow> feb = CostExportGenerator.builder().rows(rows).seed(seed + 2).month(LocalDate.of(2025, 2, 1)).build().rows();
      Path febDir = root.resolve("exp/costs/20250201-20250228");
      Files.createDirectories(febDir);
      write(febDir.resolve("costs_c.csv"), feb, Instant.parse("2025-03-02T06:00:00Z"));
      AzureCostResult third = conn.sync(SyncContext.builder().stateStore(store).build());
      assertThat(third.accounting().read()).isEqualTo(rows);
      assertThat(third.sources()).filteredOn(s -> s.status() == SourceOutcome.Status.COUNTED)
          .extracting(SourceOutcome::billingPeriod).containsExactly("20250201-20250228");
    } finally {
      delete(root);
    }
  }

  /** The rows shuffled by {@code seed} and cut into {@code parts} runs of near-equal length. */
  static List<List<CostRow>> shuffledParts(List<CostRow> all, long seed, int parts) {
    List<CostRow> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(seed));
    List<List<CostRow>> out = new ArrayList<>();
    int per = (shuffled.size() + parts - 1) / parts;
    for (int i = 0; i < shuffled.size(); i += per) {
      out.add(shuffled.subList(i, Math.min(shuffled.size(), i + per)));
    }
    return out;
  }

  /** Every row read lands in exactly one outcome, and every outcome has its reasons. */
  static void assertEveryRowAccounted(RowAccounting acc, int rows) {
    assertThat(acc.read()).isEqualTo(rows);
    assertThat(acc.estimated() + acc.unknown() + acc.unsupported() + acc.ignored()).isEqualTo(rows);
    assertThat(acc.reasons().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(rows);
  }

  static AzureCostResult sync(List<Path> files) {
    AzureCostExportConnector.Builder b = AzureCostExportConnector.builder()
        .groupBy(AzureGroupKey.parseList("class,service,region,subscription,month"));
    files.forEach(b::file);
    return b.build().sync(SyncContext.builder().build());
  }

  static void write(Path f, List<CostRow> rows, Instant modified) throws IOException {
    Files.write(f, CostExportWriter.of(CostExportSchema.EA).write(rows));
    Files.setLastModifiedTime(f, FileTime.from(modified));
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
