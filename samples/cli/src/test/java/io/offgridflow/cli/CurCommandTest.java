package io.offgridflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurCommandTest {
  static final String HEADER = "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageAccountId,"
      + "lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/BlendedCost,pricing/unit,"
      + "product/region,product/vcpu";

  static Path cur(Path dir) {
    return Cli.write(dir, "cur.csv", HEADER,
        "Usage,2025-01-03T00:00:00Z,111111111111,AmazonEC2,USE1-BoxUsage:m5.large,10,0.96,Hrs,us-east-1,2",
        "Usage,2025-01-03T00:00:00Z,222222222222,AmazonS3,USW2-DataTransfer-Out-Bytes,50,4.5,GB,us-west-2,",
        "Tax,2025-01-03T00:00:00Z,111111111111,AmazonEC2,,0,1.5,,,");
  }

  @Test
  void writesOneColumnPerGroupKeyThenKwhCo2eRows(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("results.csv");
    Cli.Result r = Cli.run("cur", "--input", cur(dir).toString(), "--group-by", "class,region", "--output", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<Map<String, String>> rows = Cli.rows(Files.readString(out));
    assertThat(rows.get(0).keySet()).containsExactly("class", "region", "kwh", "co2e_kg", "rows");
    // networking: 50 GB x 0.001 kWh/GB x PUE 1.135 = 0.05675 kWh; x 0.322167 kg/kWh (CCF us-west-2)
    Map<String, String> net = rows.stream().filter(m -> m.get("class").equals("networking")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(net.get("kwh"))).isCloseTo(50 * 0.001 * 1.135, within(1e-9));
    assertThat(Double.parseDouble(net.get("co2e_kg"))).isCloseTo(50 * 0.001 * 1.135 * 0.322167, within(1e-9));
    assertThat(rows).extracting(m -> m.get("class")).contains("compute", "memory", "embodied", "ignored");
    assertThat(r.out()).contains("Rows: read 3 = estimated 2 + unknown 0 + unsupported 0 + ignored 1")
        .contains("ignored: line item type Tax").contains("ccf-2024");
  }

  @Test
  void printsATableWithoutOutputAndHonoursNoEmbodied(@TempDir Path dir) {
    Cli.Result r = Cli.run("cur", "--input", cur(dir).toString(), "--no-embodied");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("compute").contains("networking").doesNotContain("embodied");
    assertThat(r.out()).contains("kWh").contains("kg CO2e");
  }

  @Test
  void badInputExitCodes(@TempDir Path dir) {
    assertThat(Cli.run("cur", "--input", dir.resolve("none.csv").toString()).exit()).isEqualTo(2);
    assertThat(Cli.run("cur", "--input", cur(dir).toString(), "--format", "cur3").exit()).isEqualTo(2);
    assertThat(Cli.run("cur", "--input", cur(dir).toString(), "--group-by", "colour").err()).contains("colour");
    Path bad = Cli.write(dir, "bad.csv", HEADER, "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,BoxUsage:m5.large,x,1,Hrs,us-east-1,2");
    Cli.Result r = Cli.run("cur", "--input", bad.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("bad.csv:2: column lineItem/UsageAmount");
  }
}
