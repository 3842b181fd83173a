package io.offgridflow.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.aws.fixtures.CurGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever the rows and their order: every row accounted for, totals independent of order and of file splits. */
class CurProperties {

  @Property(tries = 15)
  void accountingBalancesAndTotalsDoNotDependOnOrderOrSplit(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 1500) int rows, @ForAll @IntRange(min = 1, max = 4) int parts) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CurGenerator.builder().rows(rows).seed(seed).build().write(buf);
    List<String> lines = new ArrayList<>(List.of(buf.toString(StandardCharsets.UTF_8).split("\n")));
    String header = lines.remove(0);
    Path dir = Files.createTempDirectory("curprop");
    try {
      CurResult straight = sync(write(dir, "a", header, List.of(lines)));
      List<String> shuffled = new ArrayList<>(lines);
      Collections.shuffle(shuffled, new Random(seed));
      List<List<String>> split = new ArrayList<>();
      int per = (shuffled.size() + parts - 1) / parts;
      for (int i = 0; i < shuffled.size(); i += per) {
        split.add(shuffled.subList(i, Math.min(shuffled.size(), i + per)));
      }
      CurResult mixed = sync(write(dir, "b", header, split));

      RowAccounting a = straight.accounting();
      assertThat(a.read()).isEqualTo(rows);
      assertThat(a.estimated() + a.unknown() + a.unsupported() + a.ignored()).isEqualTo(rows);
      assertThat(mixed.accounting()).isEqualTo(a);
      assertThat(mixed.totalKwh()).isCloseTo(straight.totalKwh(), within(1e-9 * Math.max(1, straight.totalKwh())));
      assertThat(mixed.totalCo2eKg()).isCloseTo(straight.totalCo2eKg(), within(1e-9 * Math.max(1, straight.totalCo2eKg())));
      assertThat(straight.totalKwh()).isNotNegative();
    } finally {
      try (var s = Files.list(dir)) {
        s.forEach(p -> p.toFile().delete());
      }
      Files.deleteIfExists(dir);
    }
  }

  static CurResult sync(List<Path> files) {
    CurConnector.Builder b = CurConnector.builder().groupBy(GroupKey.parseList("class,service,region"));
    files.forEach(b::file);
    return b.build().sync(SyncContext.builder().build());
  }

  static List<Path> write(Path dir, String prefix, String header, List<List<String>> parts) {
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      Path p = dir.resolve(prefix + i + ".csv");
      try {
        Files.writeString(p, header + "\n" + String.join("\n", parts.get(i)) + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out.add(p);
    }
    return out;
  }
}
