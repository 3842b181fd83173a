package io.offgridflow.factors.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  private static List<String> fields(CsvTable t, int row) {
    List<String> out = new ArrayList<>();
    for (String h : t.header()) {
      out.add(t.rows().get(row).text(h));
    }
    return out;
  }

  @Test
  void quotedFieldsDoubledQuotesCommasAndLineBreaks() {
    CsvTable t = CsvReader.parse("t.csv",
        "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n");
    assertThat(fields(t, 0)).containsExactly("1", "x, y", "say \"hi\"");
    assertThat(fields(t, 1)).containsExactly("2", "two\nlines", "");
    assertThat(t.rows().get(0).line()).isEqualTo(2);
    assertThat(t.rows().get(1).line()).isEqualTo(3);
  }

  @Test
  void byteOrderMarkAndBlankLinesAndNonAscii() {
    CsvTable t = CsvReader.parse("t.csv", "\uFEFFname,v\n\nSão Tomé – x,1\n\n");
    assertThat(t.header()).containsExactly("name", "v");
    assertThat(t.rows()).hasSize(1);
    assertThat(t.rows().get(0).text("name")).isEqualTo("São Tomé – x");
    assertThat(t.rows().get(0).line()).isEqualTo(3);
  }

  @Test
  void numbersKeepPrintedDigitsAndDropFloatArtefacts() {
    CsvTable t = CsvReader.parse("t.csv", "v,w\n0.022000000000000002,3e-05\n");
    CsvRow.Num v = t.rows().get(0).number("v");
    assertThat(v.text()).isEqualTo("0.022");
    assertThat(v.value()).isEqualTo(0.022);
    assertThat(t.rows().get(0).number("w").text()).isEqualTo("3e-05");
    assertThat(t.rows().get(0).number("w").value()).isEqualTo(3e-5);
  }

  @Test
  void badNumberNamesResourceLineColumnAndValue() {
    CsvTable t = CsvReader.parse("data/x.csv", "name,value\nok,1\nbad,12kg\n");
    assertThatThrownBy(() -> t.rows().get(1).number("value"))
        .isInstanceOf(OffGridFlowException.class)
        .hasMessage("data/x.csv:3: value '12kg' is not a number")
        .satisfies(e -> assertThat(((OffGridFlowException) e).code()).isEqualTo(CoreErrorCode.DATASET_LOAD_FAILED));
    assertThatThrownBy(() -> CsvReader.parse("x.csv", "a\n\n\n").rows().get(0))
        .isInstanceOf(IndexOutOfBoundsException.class);
    CsvTable empty = CsvReader.parse("x.csv", "a,b\n1,\n");
    assertThatThrownBy(() -> empty.rows().get(0).number("b")).hasMessage("x.csv:2: b '' is empty; a number is required");
  }

  @Test
  void malformedRowsFailWithTheirLine() {
    assertThatThrownBy(() -> CsvReader.parse("x.csv", "a,b\n1,2\n3\n"))
        .hasMessage("x.csv:3: expected 2 fields as in the header, found 1");
    assertThatThrownBy(() -> CsvReader.parse("x.csv", "a,b\n1,\"open\n2,3\n"))
        .hasMessage("x.csv:2: quoted field is never closed");
    assertThatThrownBy(() -> CsvReader.parse("x.csv", "a,b\n1,ab\"c\n"))
        .hasMessageStartingWith("x.csv:2: field 'ab\"...' has a quote but does not start with one");
    assertThatThrownBy(() -> CsvReader.parse("x.csv", "a,b\n1,\"ab\"c\n"))
        .hasMessage("x.csv:2: unexpected 'c' after the closing quote of field 'ab'");
    assertThatThrownBy(() -> CsvReader.parse("x.csv", ""))
        .hasMessage("x.csv:1: file is empty; a header row is expected");
    assertThatThrownBy(() -> CsvReader.parse("x.csv", "a,b\n1,2\n").requireColumns("c"))
        .hasMessage("x.csv:1: missing column 'c'; the header has [a, b]");
  }

  @Test
  void missingResourceIsReported() {
    assertThatThrownBy(() -> CsvReader.resource("no-such-dataset", "x.csv"))
        .isInstanceOf(OffGridFlowException.class)
        .hasMessageContaining("/io/offgridflow/factors/data/no-such-dataset/x.csv");
  }

  /** Any fields written the RFC 4180 way read back unchanged. */
  @Property(tries = 300)
  void roundTrip(@ForAll @Size(min = 1, max = 6) List<@StringLength(max = 12) String> values) {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      csv.append(i == 0 ? "" : ",").append("c").append(i);
    }
    csv.append("\r\n");
    for (int i = 0; i < values.size(); i++) {
      csv.append(i == 0 ? "" : ",").append('"').append(values.get(i).replace("\"", "\"\"")).append('"');
    }
    csv.append("\r\n");
    CsvTable t = CsvReader.parse("p.csv", csv.toString());
    assertThat(t.rows()).hasSize(1);
    for (int i = 0; i < values.size(); i++) {
      // text() trims, as the loaders want; compare trimmed
      assertThat(t.rows().get(0).text("c" + i)).isEqualTo(values.get(i).trim());
    }
  }
}
