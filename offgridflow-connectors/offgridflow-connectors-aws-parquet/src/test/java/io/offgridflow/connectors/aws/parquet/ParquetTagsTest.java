package io.offgridflow.connectors.aws.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.aws.CurConnector;
import io.offgridflow.connectors.aws.CurFormat;
import io.offgridflow.connectors.aws.CurGroup;
import io.offgridflow.connectors.aws.CurResult;
import io.offgridflow.connectors.aws.GroupKey;
import io.offgridflow.connectors.aws.parquet.ParquetRuns.Outcome;
import io.offgridflow.connectors.aws.parquet.fixtures.CurParquetWriter;
import io.offgridflow.connectors.aws.parquet.fixtures.CurParquetWriter.Naming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouping by tags on Parquet: CUR 2.0's {@code resource_tags} map and CUR 1.0 Athena tag columns
 * must give exactly the groups the CSV path gives for the same rows (its {@code resource_tags} JSON
 * cells and {@code resourceTags/} columns), including untagged rows.
 */
class ParquetTagsTest {
  static final int ROWS = 10_000;
  /** The generator's tag, asked in both spellings, plus a key no row has. */
  static final List<String> TAGS = List.of("user:team", "user_team", "user:Owner");
  @TempDir Path dir;

  private void assertSameAsCsv(CurParquetWriter w, String name, List<GroupKey> keys) throws IOException {
    // CUR 1.0 CSV matches resourceTags/<key> exactly, so user_team names no column there; in CUR 2.0
    // both spellings find the generator's user_team key.
    boolean cur2 = w.csvFormat() == CurFormat.CUR2;
    List<String> tags = cur2 ? TAGS : List.of("user:team", "user:Owner");
    Path parquet = dir.resolve(name + ".parquet");
    Path csv = dir.resolve(name + ".csv");
    w.write(parquet);
    w.writeCsv(csv);
    Outcome fromCsv = ParquetRuns.csv(csv, w.csvFormat(), keys, tags);
    Outcome fromParquet = ParquetRuns.parquet(parquet, keys, tags);
    assertThat(fromParquet.accounting()).isEqualTo(fromCsv.accounting());
    if (keys.equals(ParquetRuns.ALL_KEYS)) {
      assertThat(fromParquet.groups()).isEqualTo(fromCsv.groups());
    } else {
      // Fewer keys merge the unknown estimate's per-region parts, which are added in hash-slot order;
      // Parquet interns values in dictionary order, CSV in row order, so the last bit may differ.
      assertThat(fromParquet.groups()).hasSameSizeAs(fromCsv.groups());
      for (int i = 0; i < fromCsv.groups().size(); i++) {
        CurGroup p = fromParquet.groups().get(i);
        CurGroup c = fromCsv.groups().get(i);
        assertThat(p.key()).isEqualTo(c.key());
        assertThat(p.tags()).isEqualTo(c.tags());
        assertThat(p.rows()).isEqualTo(c.rows());
        assertThat(p.kwh()).isCloseTo(c.kwh(), within(1e-12 * Math.max(1, c.kwh())));
        assertThat(p.co2eKg()).isCloseTo(c.co2eKg(), within(1e-12 * Math.max(1, c.co2eKg())));
      }
    }
    // Not vacuous: the rows carry several team values and untagged rows (both spellings alike in CUR 2.0).
    Set<String> teams = new HashSet<>();
    for (CurGroup g : fromParquet.groups()) {
      assertThat(g.tags()).hasSize(tags.size());
      if (cur2) {
        assertThat(g.tags().get(1)).isEqualTo(g.tags().get(0));
      }
      assertThat(g.tags().get(tags.size() - 1)).isEmpty();
      teams.add(g.tags().get(0));
    }
    assertThat(teams).contains("", "data", "web", "ml", "platform");
  }

  @Test
  void cur2MapTagsGiveTheCsvGroups() throws IOException {
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(21).build(), "typed", ParquetRuns.ALL_KEYS);
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(22).build(), "class",
        List.of(GroupKey.CLASS, GroupKey.SERVICE));
  }

  @Test
  void cur2MapTagsThroughPlainPagesPageBoundariesRowGroupsAndFormat2() throws IOException {
    // Plain pages: keys are matched from their bytes, not per dictionary entry. 97-row pages and
    // 3,001-row row groups put page and chunk ends inside batches and between a row and the next.
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(23).dictionary(false).pageRows(97)
        .rowGroupRows(3001).build(), "plain", ParquetRuns.ALL_KEYS);
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(24).writerVersion2(true).pageRows(101).build(),
        "v2", ParquetRuns.ALL_KEYS);
    // Format 2 without a dictionary: DELTA_BYTE_ARRAY keys and values, read by parquet-java's readers.
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(25).writerVersion2(true).dictionary(false).build(),
        "v2-delta", ParquetRuns.ALL_KEYS);
  }

  @Test
  void cur1AthenaTagColumnsGiveTheCsvGroups() throws IOException {
    // resourceTags/user:team is resource_tags_user_team in the Parquet AWS writes for Athena.
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(26).naming(Naming.CUR1_ATHENA).build(), "athena-class",
        List.of(GroupKey.CLASS, GroupKey.SERVICE));
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(26).naming(Naming.CUR1_ATHENA).build(), "athena",
        ParquetRuns.ALL_KEYS);
    assertSameAsCsv(CurParquetWriter.builder().rows(ROWS).seed(27).naming(Naming.CUR1_ATHENA).dictionary(false)
        .pageRows(89).build(), "athena-plain", ParquetRuns.ALL_KEYS);
    // Athena's column name keeps only CUR 2.0's spelling, so user:team and user_team both name
    // resource_tags_user_team: the column is read once and feeds both.
    Outcome both = ParquetRuns.parquet(dir.resolve("athena.parquet"), List.of(GroupKey.CLASS), TAGS);
    assertThat(both.groups()).allSatisfy(g -> assertThat(g.tags().get(1)).isEqualTo(g.tags().get(0)));
    assertThat(both.groups()).anySatisfy(g -> assertThat(g.tags().get(0)).isEqualTo("ml"));
  }

  @Test
  void throughTheConnectorTheSameTotalsAsWithoutTags() throws IOException {
    Path parquet = dir.resolve("c.parquet");
    CurParquetWriter.builder().rows(ROWS).seed(28).build().write(parquet);
    CurResult plain = sync(parquet, List.of());
    CurResult tagged = sync(parquet, List.of("user:team"));
    assertThat(tagged.accounting()).isEqualTo(plain.accounting());
    assertThat(tagged.groupByTags()).containsExactly("user:team");
    assertThat(tagged.groups().size()).isGreaterThan(plain.groups().size());
    assertThat(tagged.totalKwh()).isCloseTo(plain.totalKwh(), org.assertj.core.data.Offset.offset(1e-9 * plain.totalKwh()));
  }

  private static CurResult sync(Path f, List<String> tags) {
    return CurConnector.builder().file(f).groupBy(List.of(GroupKey.CLASS)).groupByTags(tags).build()
        .sync(SyncContext.builder().build());
  }

  // ---- Edge cases, one row per case, written by hand as CUR 2.0 CSV and as Parquet. ----

  /** Per account (one row each): the map entries (key, value; a null value is null), null for a null map. */
  private static Map<String, String[][]> edgeRows() {
    Map<String, String[][]> rows = new java.util.LinkedHashMap<>();
    rows.put("100000000001", new String[][] {{"user_team", "api"}});
    rows.put("100000000002", new String[][] {}); // an empty map
    rows.put("100000000003", null); // a null map
    rows.put("100000000004", new String[][] {{"owner", "x"}}); // the key absent
    rows.put("100000000005", new String[][] {{"user_team", null}}); // a null value
    rows.put("100000000006", new String[][] {{"user_team", ""}}); // an empty value
    // Both spellings: the key as given wins over CUR 2.0's spelling, whichever comes first.
    rows.put("100000000007", new String[][] {{"user_team", "normalised"}, {"user:Team", "given"}});
    rows.put("100000000008", new String[][] {{"user:Team", "given"}, {"user_team", "normalised"}});
    rows.put("100000000009", new String[][] {{"a", "1"}, {"user_team", "web"}, {"z", "2"}});
    return rows;
  }

  /** What each edge row must group under for {@code user:Team}, read off {@link #edgeRows()}. */
  private static Map<String, String> edgeExpected() {
    return Map.of("100000000001", "api", "100000000002", "", "100000000003", "", "100000000004", "",
        "100000000005", "", "100000000006", "", "100000000007", "given", "100000000008", "given",
        "100000000009", "web");
  }

  private static final String CUR2_COLUMNS = "line_item_line_item_type,line_item_usage_start_date,"
      + "line_item_usage_account_id,line_item_product_code,line_item_usage_type,line_item_usage_amount,"
      + "line_item_unblended_cost,pricing_unit,product_region_code";

  private Path edgeCsv() throws IOException {
    StringBuilder csv = new StringBuilder(CUR2_COLUMNS + ",resource_tags\n");
    edgeRows().forEach((account, entries) -> {
      csv.append("Usage,2025-01-01T00:00:00Z,").append(account)
          .append(",AmazonEC2,USE1-BoxUsage:m5.large,1,0.096,Hrs,us-east-1,");
      if (entries != null) {
        List<String> json = new ArrayList<>();
        for (String[] e : entries) {
          json.add("\"\"" + e[0] + "\"\":" + (e[1] == null ? "null" : "\"\"" + e[1] + "\"\""));
        }
        csv.append('"').append('{').append(String.join(",", json)).append('}').append('"');
      }
      csv.append('\n');
    });
    Path f = dir.resolve("edge.csv");
    Files.writeString(f, csv);
    return f;
  }

  private Path edgeParquet(String name, boolean dictionary, String tagsDeclaration) throws IOException {
    StringBuilder schema = new StringBuilder("message cur {\n");
    for (String c : CUR2_COLUMNS.split(",")) {
      schema.append(c.endsWith("_amount") || c.endsWith("_cost") ? "  optional double " + c + ";\n"
          : "  optional binary " + c + " (STRING);\n");
    }
    MessageType type = MessageTypeParser.parseMessageType(schema.append(tagsDeclaration).append("}\n").toString());
    Path f = dir.resolve(name);
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(f)).withType(type)
        .withDictionaryEncoding(dictionary).build()) {
      for (Map.Entry<String, String[][]> row : edgeRows().entrySet()) {
        Group g = groups.newGroup().append("line_item_line_item_type", "Usage")
            .append("line_item_usage_start_date", "2025-01-01T00:00:00Z")
            .append("line_item_usage_account_id", row.getKey()).append("line_item_product_code", "AmazonEC2")
            .append("line_item_usage_type", "USE1-BoxUsage:m5.large").append("line_item_usage_amount", 1.0)
            .append("line_item_unblended_cost", 0.096).append("pricing_unit", "Hrs")
            .append("product_region_code", "us-east-1");
        if (row.getValue() != null && tagsDeclaration.equals(MAP)) {
          Group map = g.addGroup("resource_tags");
          for (String[] e : row.getValue()) {
            Group kv = map.addGroup("key_value").append("key", e[0]);
            if (e[1] != null) {
              kv.append("value", e[1]);
            }
          }
        }
        w.write(g);
      }
    }
    return f;
  }

  private static final String MAP = "  optional group resource_tags (MAP) {\n    repeated group key_value {\n"
      + "      required binary key (STRING);\n      optional binary value (STRING);\n    }\n  }\n";

  private static Map<String, String> tagByAccount(Outcome o) {
    Map<String, String> out = new HashMap<>();
    for (CurGroup g : o.groups()) {
      assertThat(g.rows()).as("one row per account").isEqualTo(1);
      out.put(g.key().get(0), g.tags().get(0));
    }
    return out;
  }

  @Test
  void emptyNullAndKeylessMapsNullAndEmptyValuesAndBothSpellingsGroupAsInCsv() throws IOException {
    List<GroupKey> byAccount = List.of(GroupKey.ACCOUNT);
    Outcome fromCsv = ParquetRuns.csv(edgeCsv(), CurFormat.CUR2, byAccount, List.of("user:Team"));
    assertThat(tagByAccount(fromCsv)).isEqualTo(edgeExpected());
    for (boolean dictionary : new boolean[] {true, false}) {
      Outcome fromParquet = ParquetRuns.parquet(edgeParquet("edge-" + dictionary + ".parquet", dictionary, MAP),
          byAccount, List.of("user:Team"));
      assertThat(tagByAccount(fromParquet)).as("dictionary %s", dictionary).isEqualTo(edgeExpected());
      assertThat(fromParquet.groups()).isEqualTo(fromCsv.groups());
      assertThat(fromParquet.accounting()).isEqualTo(fromCsv.accounting());
    }
  }

  @Test
  void aResourceTagsColumnThatIsNotAStringMapFailsNamingFileColumnAndType() throws IOException {
    Path text = edgeParquet("text-tags.parquet", true, "  optional binary resource_tags (STRING);\n");
    assertThatThrownBy(() -> ParquetRuns.parquet(text, List.of(GroupKey.ACCOUNT), List.of("user:Team")))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.UNSUPPORTED_BILL_FORMAT))
        .hasMessageContaining("text-tags.parquet: column resource_tags is optional binary resource_tags (STRING)")
        .hasMessageContaining("MAP<STRING, STRING>");
    Path ints = edgeParquet("int-tags.parquet", true, "  optional group resource_tags (MAP) {\n"
        + "    repeated group key_value {\n      required binary key (STRING);\n      optional int32 value;\n    }\n  }\n");
    assertThatThrownBy(() -> ParquetRuns.parquet(ints, List.of(GroupKey.ACCOUNT), List.of("user:Team")))
        .isInstanceOf(OffGridFlowException.class).hasMessageContaining("int-tags.parquet: column resource_tags is");
    // Without tags the column is not read, so the same files sync.
    assertThat(ParquetRuns.parquet(text, List.of(GroupKey.ACCOUNT)).accounting().read()).isEqualTo(9);
  }
}
