package io.offgridflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.connectors.aws.GroupKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cur --group-by ...,tag:KEY}: tag entries become tag dimensions, one {@code tag:KEY} column each. */
class CurTagsCommandTest {
  static Path tagged(Path dir) {
    return Cli.write(dir, "tagged.csv", CurCommandTest.HEADER + ",resourceTags/user:Team",
        "Usage,2025-01-03T00:00:00Z,111111111111,AmazonEC2,USE1-BoxUsage:m5.large,10,0.96,Hrs,us-east-1,2,api",
        "Usage,2025-01-03T00:00:00Z,111111111111,AmazonEC2,USE1-BoxUsage:m5.large,30,2.88,Hrs,us-east-1,2,",
        "Usage,2025-01-03T00:00:00Z,222222222222,AmazonS3,USW2-DataTransfer-Out-Bytes,50,4.5,GB,us-west-2,,web",
        "Tax,2025-01-03T00:00:00Z,111111111111,AmazonEC2,,0,1.5,,,,");
  }

  @Test
  void tagEntriesAreSplitFromGroupKeysKeepingCaseAndColons() {
    CurCommand.GroupBy g = CurCommand.GroupBy.parse("class, tag:user:Team ,service,TAG:aws:createdBy,tag:user:Team");
    assertThat(g.keys()).containsExactly(GroupKey.CLASS, GroupKey.SERVICE);
    assertThat(g.tags()).containsExactly("user:Team", "aws:createdBy");
    assertThat(CurCommand.GroupBy.parse("class,region").tags()).isEmpty();
    assertThatThrownBy(() -> CurCommand.GroupBy.parse("class,tag:")).isInstanceOf(OffGridFlowException.class)
        .hasMessageContaining("'tag:' names no tag");
    assertThatThrownBy(() -> CurCommand.GroupBy.parse("colour,tag:x")).isInstanceOf(OffGridFlowException.class)
        .hasMessageContaining("colour");
  }

  @Test
  void outputHasOneTagColumnPerTagAndSumsToTheUntaggedRun(@TempDir Path dir) throws IOException {
    Path in = tagged(dir);
    Path withTags = dir.resolve("with.csv");
    Path without = dir.resolve("without.csv");
    Cli.Result t = Cli.run("cur", "--input", in.toString(), "--group-by", "class,tag:user:Team", "--output",
        withTags.toString());
    Cli.Result p = Cli.run("cur", "--input", in.toString(), "--group-by", "class", "--output", without.toString());
    assertThat(t.exit()).as(t.err()).isZero();
    assertThat(p.exit()).as(p.err()).isZero();
    List<Map<String, String>> rows = Cli.rows(Files.readString(withTags));
    assertThat(rows.get(0).keySet()).containsExactly("class", "tag:user:Team", "kwh", "co2e_kg", "rows");
    assertThat(rows).extracting(m -> m.get("tag:user:Team")).contains("api", "web", "");
    Map<String, Double> kwhByClass = new HashMap<>();
    Map<String, Long> rowsByClass = new HashMap<>();
    for (Map<String, String> m : rows) {
      kwhByClass.merge(m.get("class"), Double.parseDouble(m.get("kwh")), Double::sum);
      rowsByClass.merge(m.get("class"), Long.parseLong(m.get("rows")), Long::sum);
    }
    List<Map<String, String>> plain = Cli.rows(Files.readString(without));
    assertThat(kwhByClass).hasSameSizeAs(plain);
    for (Map<String, String> m : plain) {
      assertThat(kwhByClass.get(m.get("class"))).as(m.get("class"))
          .isCloseTo(Double.parseDouble(m.get("kwh")), within(1e-9 * Math.max(1, Double.parseDouble(m.get("kwh")))));
      assertThat(rowsByClass.get(m.get("class"))).isEqualTo(Long.parseLong(m.get("rows")));
    }
    // The two compute rows differ only in amount and tag: 10 h tagged api, 30 h untagged.
    double apiKwh = rows.stream().filter(m -> m.get("class").equals("compute") && m.get("tag:user:Team").equals("api"))
        .mapToDouble(m -> Double.parseDouble(m.get("kwh"))).sum();
    double untaggedKwh = rows.stream().filter(m -> m.get("class").equals("compute") && m.get("tag:user:Team").isEmpty())
        .mapToDouble(m -> Double.parseDouble(m.get("kwh"))).sum();
    assertThat(untaggedKwh).isCloseTo(3 * apiKwh, within(1e-6 * apiKwh));
    assertThat(t.out()).contains("Rows: read 4 = estimated 3 + unknown 0 + unsupported 0 + ignored 1");
  }

  @Test
  void theTableShowsTagColumnsAndUntaggedRows(@TempDir Path dir) {
    Cli.Result r = Cli.run("cur", "--input", tagged(dir).toString(), "--group-by", "class,tag:user:Team");
    assertThat(r.exit()).as(r.err()).isZero();
    String header = r.out().lines().findFirst().orElseThrow();
    assertThat(header).startsWith("class").contains("tag:user:Team").contains("kWh");
    assertThat(r.out()).contains("(untagged)").contains(" api ").contains(" web ");
  }

  @Test
  void anEmptyTagEntryExitsTwo(@TempDir Path dir) {
    Cli.Result r = Cli.run("cur", "--input", tagged(dir).toString(), "--group-by", "class,tag:");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("names no tag");
  }
}
