package io.offgridflow.connectors.aws.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.connectors.aws.parquet.fixtures.CurParquetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad Parquet input fails naming the file and, where there is one, the row, column and value. */
class ParquetErrorsTest {
  @TempDir Path dir;

  /** The CUR 2.0 columns the estimate needs, by name, with their Parquet declaration. */
  private static Map<String, String> cur2Columns() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("line_item_line_item_type", "optional binary line_item_line_item_type (STRING)");
    c.put("line_item_usage_start_date", "optional int64 line_item_usage_start_date (TIMESTAMP(MILLIS,true))");
    c.put("line_item_usage_account_id", "optional binary line_item_usage_account_id (STRING)");
    c.put("line_item_product_code", "optional binary line_item_product_code (STRING)");
    c.put("line_item_usage_type", "optional binary line_item_usage_type (STRING)");
    c.put("line_item_usage_amount", "optional double line_item_usage_amount");
    c.put("line_item_unblended_cost", "optional double line_item_unblended_cost");
    c.put("pricing_unit", "optional binary pricing_unit (STRING)");
    c.put("product_region_code", "optional binary product_region_code (STRING)");
    return c;
  }

  /** A good m5.large hour, as values for {@link #cur2Columns()}. */
  private static Map<String, Object> goodRow() {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("line_item_line_item_type", "Usage");
    r.put("line_item_usage_start_date", 1_735_689_600_000L); // 2025-01-01T00:00:00Z
    r.put("line_item_usage_account_id", "111111111111");
    r.put("line_item_product_code", "AmazonEC2");
    r.put("line_item_usage_type", "USE1-BoxUsage:m5.large");
    r.put("line_item_usage_amount", 1.0);
    r.put("line_item_unblended_cost", 0.096);
    r.put("pricing_unit", "Hrs");
    r.put("product_region_code", "us-east-1");
    return r;
  }

  /** Writes rows (null values left out) under the given column declarations. */
  private Path write(String name, Map<String, String> columns, List<Map<String, Object>> rows) throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType("message t {\n  " + String.join(";\n  ", columns.values())
        + ";\n}");
    Path f = dir.resolve(name);
    SimpleGroupFactory groups = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(f)).withType(schema).build()) {
      for (Map<String, Object> row : rows) {
        Group g = groups.newGroup();
        row.forEach((k, v) -> {
          if (v instanceof String s) {
            g.append(k, s);
          } else if (v instanceof Double d) {
            g.append(k, d);
          } else if (v instanceof Long l) {
            g.append(k, l);
          } else if (v instanceof Integer i) {
            g.append(k, i);
          } else if (v instanceof Boolean b) {
            g.append(k, b);
          } else if (v != null) {
            throw new IllegalArgumentException(k + ": " + v);
          }
        });
        w.write(g);
      }
    }
    return f;
  }

  private static OffGridFlowException fail(Path f) {
    try {
      ParquetRuns.parquet(f, ParquetRuns.ALL_KEYS);
    } catch (OffGridFlowException e) {
      return e;
    }
    throw new AssertionError("expected " + f + " to fail");
  }

  @Test
  void goodRowsOfTheMinimalSchemaAreRead() throws IOException {
    Path f = write("ok.parquet", cur2Columns(), List.of(goodRow(), goodRow()));
    ParquetRuns.Outcome o = ParquetRuns.parquet(f, ParquetRuns.ALL_KEYS);
    assertThat(o.accounting().read()).isEqualTo(2);
    assertThat(o.accounting().estimated()).isEqualTo(2);
    assertThat(o.groups()).extracting(g -> g.key().get(5)).containsOnly("2025-01-01");
  }

  @Test
  void aFileThatIsNotParquetIsNamed() throws IOException {
    Path csv = dir.resolve("cur.csv");
    Files.writeString(csv, "line_item_usage_type,line_item_usage_amount\nBoxUsage:m5.large,1\n");
    OffGridFlowException e = fail(csv);
    assertThat(e.code()).isEqualTo(CloudErrorCode.UNSUPPORTED_BILL_FORMAT);
    assertThat(e.getMessage()).startsWith("cur.csv: not a Parquet file");
  }

  @Test
  void aTruncatedFileIsNamed() throws IOException {
    Path whole = dir.resolve("whole.parquet");
    CurParquetWriter.builder().rows(500).build().write(whole);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.parquet");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
    OffGridFlowException e = fail(cut);
    assertThat(e.code()).isEqualTo(CloudErrorCode.INVALID_BILL);
    assertThat(e.getMessage()).startsWith("cut.parquet: truncated Parquet file");
  }

  @Test
  void aMissingRequiredColumnNamesFileAndColumn() throws IOException {
    Map<String, String> columns = cur2Columns();
    columns.remove("pricing_unit");
    Map<String, Object> row = goodRow();
    row.remove("pricing_unit");
    OffGridFlowException e = fail(write("nounit.parquet", columns, List.of(row)));
    assertThat(e.code()).isEqualTo(CloudErrorCode.UNSUPPORTED_BILL_FORMAT);
    assertThat(e.getMessage()).isEqualTo("nounit.parquet: CUR2 schema lacks column pricing_unit");
  }

  @Test
  void aParquetFileThatIsNotACurIsNamed() throws IOException {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("a", "optional binary a (STRING)");
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("a", "x");
    OffGridFlowException e = fail(write("other.parquet", columns, List.of(row)));
    assertThat(e.getMessage()).startsWith("other.parquet: not a CUR: the schema has neither lineItem/UsageType");
  }

  @Test
  void aColumnOfTheWrongTypeNamesFileColumnAndType() throws IOException {
    Map<String, String> columns = cur2Columns();
    columns.put("line_item_usage_amount", "optional boolean line_item_usage_amount");
    Map<String, Object> row = goodRow();
    row.put("line_item_usage_amount", true);
    OffGridFlowException e = fail(write("bool.parquet", columns, List.of(row)));
    assertThat(e.code()).isEqualTo(CloudErrorCode.UNSUPPORTED_BILL_FORMAT);
    assertThat(e.getMessage()).startsWith("bool.parquet: column line_item_usage_amount is optional boolean")
        .endsWith("the CUR usage amount must be a number (DOUBLE, FLOAT, INT32, INT64, DECIMAL or number text)");

    Map<String, String> intType = cur2Columns();
    intType.put("line_item_usage_type", "optional int32 line_item_usage_type");
    Map<String, Object> intRow = goodRow();
    intRow.put("line_item_usage_type", 7);
    assertThat(fail(write("int.parquet", intType, List.of(intRow))).getMessage())
        .startsWith("int.parquet: column line_item_usage_type is optional int32").endsWith("must be a string (BINARY)");

    Map<String, String> noDate = cur2Columns();
    noDate.put("line_item_usage_start_date", "optional int64 line_item_usage_start_date");
    assertThat(fail(write("rawlong.parquet", noDate, List.of(goodRow()))).getMessage())
        .startsWith("rawlong.parquet: column line_item_usage_start_date is optional int64")
        .contains("must be a timestamp");
  }

  @Test
  void aBadValueNamesFileRowColumnAndValue() throws IOException {
    Map<String, String> textAmount = cur2Columns();
    textAmount.put("line_item_usage_amount", "optional binary line_item_usage_amount (STRING)");
    Map<String, Object> good = goodRow();
    good.put("line_item_usage_amount", "1");
    Map<String, Object> bad = goodRow();
    bad.put("line_item_usage_amount", "1O");
    OffGridFlowException e = fail(write("amount.parquet", textAmount, List.of(good, bad)));
    assertThat(e.code()).isEqualTo(CloudErrorCode.INVALID_BILL);
    assertThat(e.getMessage()).isEqualTo("amount.parquet: row 2: column line_item_usage_amount: value '1O' is not a number");

    Map<String, Object> noDate = goodRow();
    noDate.remove("line_item_usage_start_date");
    assertThat(fail(write("nodate.parquet", cur2Columns(), List.of(goodRow(), goodRow(), noDate))).getMessage())
        .isEqualTo("nodate.parquet: row 3: column line_item_usage_start_date: value '' is empty; a usage start date"
            + " such as 2025-01-01T00:00:00Z is expected");

    Map<String, String> textDate = cur2Columns();
    textDate.put("line_item_usage_start_date", "optional binary line_item_usage_start_date (STRING)");
    Map<String, Object> yesterday = goodRow();
    yesterday.put("line_item_usage_start_date", "yesterday");
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.add(yesterday);
    assertThat(fail(write("textdate.parquet", textDate, rows)).getMessage())
        .isEqualTo("textdate.parquet: row 1: column line_item_usage_start_date: value 'yesterday' is not a date such"
            + " as 2025-01-01T00:00:00Z");
  }
}
