package io.offgridflow.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.connectors.aws.fixtures.CurGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Whatever tag each row carries, grouping by the tag partitions the totals of the same run without tags. */
class CurTagProperties {

  @Property(tries = 15)
  void groupingByATagPartitionsTheTotals(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 1500) int rows, @ForAll @IntRange(min = 1, max = 6) int distinctValues,
      @ForAll boolean cur2) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CurFormat format = cur2 ? CurFormat.CUR2 : CurFormat.CUR1;
    CurGenerator.builder().rows(rows).seed(seed).format(format).build().write(buf);
    List<String> lines = new ArrayList<>(List.of(buf.toString(StandardCharsets.UTF_8).split("\n")));
    // The tag cell is the generator's last column, written unquoted for CUR 1.0 (team names) and
    // quoted or {} for CUR 2.0, never holding a comma: replace it with a random assignment.
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      int v = rnd.nextInt(distinctValues + 1); // 0: untagged
      String cell;
      if (cur2) {
        cell = v == 0 ? (rnd.nextBoolean() ? "{}" : "") : "\"{\"\"user_team\"\": \"\"t" + v + "\"\"}\"";
      } else {
        cell = v == 0 ? "" : "t" + v;
      }
      sb.append(line, 0, cutAfterLastSeparator(line, cur2)).append(cell).append('\n');
    }
    Path f = Files.createTempFile("curtags", ".csv");
    try {
      Files.writeString(f, sb);
      List<GroupKey> keys = List.of(GroupKey.CLASS, GroupKey.REGION);
      CurResult plain = CurTagsTest.sync(f, keys, List.of());
      CurResult tagged = CurTagsTest.sync(f, keys, List.of("user:team"));
      CurTagsTest.assertPartitions(tagged, plain);
      assertThat(tagged.accounting().read()).isEqualTo(rows);
      assertThat(tagged.groups()).allSatisfy(g -> assertThat(g.tags().get(0)).matches("|t[1-6]"));
    } finally {
      Files.deleteIfExists(f);
    }
  }

  /** The index just after the comma that starts the last field. */
  private static int cutAfterLastSeparator(String line, boolean cur2) {
    if (cur2 && line.endsWith("\"")) {
      return line.lastIndexOf(",\"") + 1; // a quoted JSON cell: its quotes hold no comma
    }
    return line.lastIndexOf(',') + 1;
  }
}
