package io.offgridflow.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.aws.fixtures.CurGenerator;
import io.offgridflow.connectors.aws.internal.CurRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouping by cost-allocation tags: CUR 1.0 {@code resourceTags/<key>} columns and CUR 2.0's
 * {@code resource_tags} JSON. Expectations come from the same connector run without tags: tag
 * groups must partition those totals exactly, and the row accounting must not change.
 */
class CurTagsTest {
  static final List<GroupKey> KEYS = List.of(GroupKey.CLASS, GroupKey.SERVICE);
  static final String HEADER = "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageAccountId,"
      + "lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/BlendedCost,pricing/unit,"
      + "product/region,product/vcpu";

  static CurResult sync(Path f, List<GroupKey> keys, List<String> tags) {
    return CurConnector.builder().file(f).groupBy(keys).groupByTags(tags).build().sync(SyncContext.builder().build());
  }

  /** Sums of {@code r}'s groups by their {@link CurGroup#key()} only (tags summed away): kWh, CO2e, rows. */
  static Map<List<String>, double[]> byKey(CurResult r) {
    Map<List<String>, double[]> out = new HashMap<>();
    for (CurGroup g : r.groups()) {
      double[] s = out.computeIfAbsent(g.key(), k -> new double[3]);
      s[0] += g.kwh();
      s[1] += g.co2eKg();
      s[2] += g.rows();
    }
    return out;
  }

  /** {@code tagged}'s groups, with tags summed away, equal {@code plain}'s groups; totals and accounting equal. */
  static void assertPartitions(CurResult tagged, CurResult plain) {
    assertThat(tagged.accounting()).isEqualTo(plain.accounting());
    assertThat(tagged.totalKwh()).isCloseTo(plain.totalKwh(), within(1e-9 * Math.max(1, plain.totalKwh())));
    assertThat(tagged.totalCo2eKg()).isCloseTo(plain.totalCo2eKg(), within(1e-9 * Math.max(1, plain.totalCo2eKg())));
    Map<List<String>, double[]> sums = byKey(tagged);
    Map<List<String>, double[]> expected = byKey(plain);
    assertThat(sums.keySet()).isEqualTo(expected.keySet());
    expected.forEach((k, e) -> {
      double[] s = sums.get(k);
      assertThat(s[0]).as("kWh of %s", k).isCloseTo(e[0], within(1e-9 * Math.max(1, Math.abs(e[0]))));
      assertThat(s[1]).as("CO2e of %s", k).isCloseTo(e[1], within(1e-9 * Math.max(1, Math.abs(e[1]))));
      assertThat(s[2]).as("rows of %s", k).isEqualTo(e[2]);
    });
  }

  @Test
  void cur1TagGroupsPartitionTheTotalsAndUntaggedRowsGroupUnderTheEmptyString(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("cur1.csv");
    CurGenerator.builder().rows(20_000).seed(11).format(CurFormat.CUR1).build().writePlain(f);
    CurResult plain = sync(f, KEYS, List.of());
    CurResult tagged = sync(f, KEYS, List.of("user:team"));

    assertThat(tagged.groupBy()).isEqualTo(KEYS);
    assertThat(tagged.groupByTags()).containsExactly("user:team");
    assertThat(plain.groupByTags()).isEmpty();
    assertThat(plain.groups()).allSatisfy(g -> assertThat(g.tags()).isEmpty());
    assertThat(tagged.groups()).allSatisfy(g -> assertThat(g.tags()).hasSize(1));
    Set<String> teams = new HashSet<>();
    tagged.groups().forEach(g -> teams.add(g.tags().get(0)));
    // The generator tags four accounts' rows with a team and leaves the fifth's cell empty.
    assertThat(teams).contains("", "data", "web", "ml", "platform").hasSize(5);
    assertThat(tagged.groups().size()).isGreaterThan(plain.groups().size());
    assertPartitions(tagged, plain);
  }

  @Test
  void eachAccountsRowsCarryItsOneTeam(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("cur1.csv");
    CurGenerator.builder().rows(5_000).seed(3).format(CurFormat.CUR1).build().writePlain(f);
    CurResult byAccount = sync(f, List.of(GroupKey.ACCOUNT), List.of());
    CurResult byAccountAndTeam = sync(f, List.of(GroupKey.ACCOUNT), List.of("user:team"));
    // The generator gives each account one team: adding the tag must not split any account.
    assertThat(byAccountAndTeam.groups()).hasSameSizeAs(byAccount.groups());
    Map<String, String> team = new HashMap<>();
    byAccountAndTeam.groups().forEach(g -> team.put(g.key().get(0), g.tags().get(0)));
    assertThat(team).hasSize(5).containsValue("");
    assertPartitions(byAccountAndTeam, byAccount);
  }

  @Test
  void cur2TagsAreReadFromTheJsonInEitherKeySpelling(@TempDir Path dir) throws IOException {
    Path f1 = dir.resolve("cur1.csv");
    Path f2 = dir.resolve("cur2.csv");
    CurGenerator.builder().rows(8_000).seed(5).format(CurFormat.CUR1).build().writePlain(f1);
    CurGenerator.builder().rows(8_000).seed(5).format(CurFormat.CUR2).build().writePlain(f2);
    CurResult plain = sync(f2, KEYS, List.of());
    CurResult asGiven = sync(f2, KEYS, List.of("user_team"));
    CurResult cur1Spelling = sync(f2, KEYS, List.of("user:team"));
    CurResult otherCase = sync(f2, KEYS, List.of("User:Team"));
    assertPartitions(asGiven, plain);
    assertThat(cur1Spelling.groups()).isEqualTo(asGiven.groups());
    assertThat(otherCase.groups()).isEqualTo(asGiven.groups());
    Set<String> teams = new HashSet<>();
    asGiven.groups().forEach(g -> teams.add(g.tags().get(0)));
    assertThat(teams).contains("", "data", "web", "ml", "platform").hasSize(5); // "{}" cells are untagged
    // The same rows as CUR 1.0 give the same groups (the generator writes one team per row in both).
    CurResult fromCur1 = sync(f1, KEYS, List.of("user:team"));
    assertThat(fromCur1.groups()).hasSameSizeAs(asGiven.groups());
    for (int i = 0; i < asGiven.groups().size(); i++) {
      CurGroup a = asGiven.groups().get(i);
      CurGroup b = fromCur1.groups().get(i);
      assertThat(b.key()).isEqualTo(a.key());
      assertThat(b.tags()).isEqualTo(a.tags());
      assertThat(b.kwh()).isCloseTo(a.kwh(), within(1e-9 * Math.max(1, a.kwh())));
      assertThat(b.rows()).isEqualTo(a.rows());
    }
  }

  @Test
  void aMissingTagColumnIsNotAnErrorAndEveryRowIsUntagged(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("cur1.csv");
    CurGenerator.builder().rows(3_000).seed(9).format(CurFormat.CUR1).build().writePlain(f);
    CurResult plain = sync(f, KEYS, List.of());
    CurResult tagged = sync(f, KEYS, List.of("user:NoSuchTag", "user:team"));
    assertThat(tagged.groupByTags()).containsExactly("user:NoSuchTag", "user:team");
    assertThat(tagged.groups()).allSatisfy(g -> assertThat(g.tags().get(0)).isEmpty());
    assertPartitions(tagged, plain);
  }

  @Test
  void twoTagColumnsInRequestedOrderWithEmptyAndShortCells(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("tags.csv");
    Files.writeString(f, HEADER + ",resourceTags/user:Team,resourceTags/aws:createdBy\n"
        + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,USE1-BoxUsage:m5.large,10,0.96,Hrs,us-east-1,2,api,alice\n"
        + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,USE1-BoxUsage:m5.large,10,0.96,Hrs,us-east-1,2,api,bob\n"
        + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,USE1-BoxUsage:m5.large,10,0.96,Hrs,us-east-1,2,,bob\n"
        + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,USE1-BoxUsage:m5.large,10,0.96,Hrs,us-east-1,2\n"
        + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,USE1-BoxUsage:m5.large,10,0.96,Hrs,us-east-1,2,,\n"
        + "Tax,2025-01-03T00:00:00Z,1,AmazonEC2,,0,1.5,,,,\"web, blue\",\n");
    List<GroupKey> cls = List.of(GroupKey.CLASS);
    CurResult plain = sync(f, cls, List.of());
    CurResult tagged = sync(f, cls, List.of("aws:createdBy", "user:Team"));
    assertPartitions(tagged, plain);
    assertThat(tagged.accounting().read()).isEqualTo(6);
    Map<List<String>, Long> computeRows = new HashMap<>();
    tagged.groups().stream().filter(g -> g.key().equals(List.of("compute")))
        .forEach(g -> computeRows.put(g.tags(), g.rows()));
    // Tags in the requested order (createdBy, then Team); a short row and empty cells are one "" group.
    assertThat(computeRows).containsOnly(Map.entry(List.of("alice", "api"), 1L), Map.entry(List.of("bob", "api"), 1L),
        Map.entry(List.of("bob", ""), 1L), Map.entry(List.of("", ""), 2L));
    assertThat(tagged.groups()).anySatisfy(g -> {
      assertThat(g.key()).containsExactly("ignored");
      assertThat(g.tags()).containsExactly("", "web, blue");
    });
    // Equal compute rows split evenly, whichever tag group they fall in.
    double perRow = plain.groups().stream().filter(g -> g.key().equals(List.of("compute"))).findFirst().orElseThrow()
        .kwh() / 5;
    assertThat(tagged.groups()).filteredOn(g -> g.key().equals(List.of("compute")))
        .allSatisfy(g -> assertThat(g.kwh()).isCloseTo(perRow * g.rows(), within(1e-12)));
  }

  @Test
  void cur2EmptyNullAndMissingTagsAreUntaggedAndBadJsonNamesFileLineColumnAndValue(@TempDir Path dir)
      throws IOException {
    String header = "line_item_line_item_type,line_item_usage_start_date,line_item_usage_account_id,"
        + "line_item_product_code,line_item_usage_type,line_item_usage_amount,line_item_unblended_cost,pricing_unit,"
        + "product_region_code,resource_tags\n";
    String row = "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,USE1-BoxUsage:m5.large,10,0.96,Hrs,us-east-1,";
    Path f = dir.resolve("cur2.csv");
    Files.writeString(f, header
        + row + "\"{\"\"user_team\"\":\"\"api\"\",\"\"aws_created_by\"\":\"\"x\"\"}\"\n"
        + row + "\"{\"\"user_team\"\":\"\"api\"\",\"\"aws_created_by\"\":\"\"x\"\"}\"\n"
        + row + "\"{\"\"user_team\"\":null}\"\n"
        + row + "{}\n"
        + row + "\n");
    CurResult tagged = sync(f, List.of(), List.of("user:Team"));
    Map<List<String>, Long> byTeam = new HashMap<>();
    tagged.groups().forEach(g -> byTeam.put(g.tags(), g.rows()));
    assertThat(byTeam).containsOnly(Map.entry(List.of("api"), 2L), Map.entry(List.of(""), 3L));
    assertPartitions(tagged, sync(f, List.of(), List.of()));

    Path bad = dir.resolve("bad2.csv");
    Files.writeString(bad, header + row + "{}\n" + row + "\"{\"\"user_team\"\":\"\"api\"\"\"\n");
    assertThatThrownBy(() -> sync(bad, List.of(GroupKey.CLASS), List.of("user:Team")))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.INVALID_BILL))
        .hasMessageContaining("bad2.csv:3: column resource_tags (10): value '{\"user_team\":\"api\"'")
        .hasMessageContaining("is not a JSON object of tags");
    // Without tags the cell is never parsed, so the same file reads.
    assertThat(sync(bad, List.of(GroupKey.CLASS), List.of()).accounting().read()).isEqualTo(2);
  }

  @Test
  void aColumnarReaderThatDoesNotReadTagsFailsNamingTheFile(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("c.csv");
    CurGenerator.builder().rows(50).seed(1).format(CurFormat.CUR2).build().writePlain(csv);
    Path columnar = dir.resolve("export-00001.ogfc");
    try (OutputStream o = Files.newOutputStream(columnar)) {
      o.write(new byte[] {'O', 'G', 'F', 'C'}); // the test-only columnar format (s3.MagicCsvReader), as Parquet
      Files.copy(csv, o);
    }
    assertThat(sync(columnar, KEYS, List.of()).accounting().read()).isEqualTo(50);
    assertThatThrownBy(() -> sync(columnar, KEYS, List.of("user:team")))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.UNSUPPORTED_BILL_FORMAT))
        .hasMessageContaining("export-00001.ogfc")
        .hasMessageContaining("grouping by tags (user:team) is not supported by the ogfc reader");
    // The run's columnar entry without tags refuses too, whichever reader calls it.
    CurRun run = new CurRun(CcfModel.builder().build(), CurFormat.AUTO, KEYS, List.of("user:team"), true, () -> {});
    run.startFile("x.parquet");
    assertThatThrownBy(() -> run.bindColumns(CurGenerator.header(CurFormat.CUR2)))
        .isInstanceOf(OffGridFlowException.class).hasMessageContaining("x.parquet").hasMessageContaining("Parquet");
  }

  @Test
  void blankTagKeysAreRejectedAndDuplicatesCollapse(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("cur1.csv");
    CurGenerator.builder().rows(10).seed(1).format(CurFormat.CUR1).build().writePlain(f);
    assertThatThrownBy(() -> CurConnector.builder().file(f).groupByTags(List.of("user:team", " ")))
        .isInstanceOf(OffGridFlowException.class).hasMessageContaining("tag key is empty");
    assertThat(sync(f, KEYS, List.of("user:team", "user:team")).groupByTags()).containsExactly("user:team");
  }
}
