package io.offgridflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files of many thousand rows: order, counts and totals, errors deep in the file. */
class StreamingTest {
  private static final String[] ROWS = {
    "electricity,%d.5,kWh,US-NWPP,,,,",
    "electricity,%d,kWh,US-CAMX,,,,0.21",
    "stationary_combustion,%d,therm,US,natural_gas,,,",
    "mobile_combustion,%d,gal,US,diesel,,,",
    "passenger_travel,%d,passenger-mile,US,,air_short_haul,,",
    "spend,%d.25,USD,US,,,541511,",
  };

  @TempDir Path dir;

  private Path file(int rows, int badEvery) throws IOException {
    StringBuilder sb = new StringBuilder("id,activity,quantity,unit,region,fuel,mode,naics,supplier_kg_per_kwh,year\n");
    for (int i = 1; i <= rows; i++) {
      String row = badEvery > 0 && i % badEvery == 0
          ? "electricity,1,kWh,US-NOWHERE,,,,"
          : String.format(Locale.ROOT, ROWS[i % ROWS.length], 1 + i % 977);
      sb.append("r").append(i).append(',').append(row).append(",2024\n");
    }
    Path p = dir.resolve("big.csv");
    Files.writeString(p, sb);
    return p;
  }

  @Test
  void everyRowComesOutInInputOrderAndTheTotalsAddUp() throws IOException {
    int n = 25_000;
    Path in = file(n, 997);
    Path out = dir.resolve("r.csv");

    Cli.Result r = Cli.run("calculate", "--input", in.toString(), "--output", out.toString());

    assertThat(r.exit()).isEqualTo(1);
    List<Map<String, String>> rows = Cli.rows(out);
    assertThat(rows).hasSize(n);
    double[] byScope = new double[4];
    double scope2Market = 0;
    int failed = 0;
    for (int i = 0; i < n; i++) {
      Map<String, String> row = rows.get(i);
      assertThat(row.get("id")).isEqualTo("r" + (i + 1));
      if (row.get("status").equals("error")) {
        failed++;
        assertThat(row.get("message")).startsWith("line " + (i + 2) + ": column region: value 'US-NOWHERE'");
        continue;
      }
      int scope = Integer.parseInt(row.get("scope"));
      byScope[scope] += Cli.num(row, "co2e_kg");
      if (scope == 2) {
        scope2Market += Cli.num(row, "co2e_market_kg");
      }
    }
    assertThat(failed).isEqualTo(n / 997);
    assertThat(r.out()).contains(String.format(Locale.ROOT, "%,d rows read, %,d ok, %,d failed", n, n - failed, failed));
    assertThat(r.err().lines().filter(l -> l.contains("US-NOWHERE"))).hasSize(failed);
    // The summary prints tonnes with three decimals.
    assertThat(summary(r.out(), "Scope 1", 1)).isCloseTo(byScope[1] / 1000, within(0.0011));
    assertThat(summary(r.out(), "Scope 2", 1)).isCloseTo(byScope[2] / 1000, within(0.0011));
    assertThat(summary(r.out(), "Scope 2", 2)).isCloseTo(scope2Market / 1000, within(0.0011));
    assertThat(summary(r.out(), "Scope 3", 1)).isCloseTo(byScope[3] / 1000, within(0.0011));
  }

  @Test
  void failFastCountsNothingAfterTheBadRowEvenDeepInTheFile() throws IOException {
    int n = 30_000;
    Path in = file(n, 20_000);
    Path out = dir.resolve("r.csv");

    Cli.Result r = Cli.run("calculate", "--input", in.toString(), "--output", out.toString(), "--fail-fast");

    assertThat(r.exit()).isEqualTo(1);
    List<Map<String, String>> rows = Cli.rows(out);
    assertThat(rows).hasSize(20_000);
    assertThat(rows.get(19_999).get("status")).isEqualTo("error");
    double scope1 = rows.stream().filter(m -> "1".equals(m.get("scope"))).mapToDouble(m -> Cli.num(m, "co2e_kg")).sum();
    assertThat(r.out()).contains("20,000 rows read, 19,999 ok, 1 failed").contains("stopped at line 20001");
    assertThat(summary(r.out(), "Scope 1", 1)).isCloseTo(scope1 / 1000, within(0.0011));
  }

  @Test
  void resultsOnStdoutAreTheResultsFileByteForByteEvenWithNonAsciiIds() throws IOException {
    Path in = file(20_000, 0);
    // Multi-byte characters, so that some fall across the writer's block boundaries.
    Files.writeString(in, Files.readString(in).replaceAll("(?m)^r(\\d+),", "r$1-\u00e9\u6f22\uD83D\uDE00,"));
    Path out = dir.resolve("r.csv");

    Cli.Result toFile = Cli.run("calculate", "--input", in.toString(), "--output", out.toString());
    Cli.Result toStdout = Cli.run("calculate", "--input", in.toString());

    assertThat(toFile.exit()).as(toFile.err()).isZero();
    assertThat(toStdout.exit()).isZero();
    assertThat(toStdout.out()).isEqualTo(Files.readString(out));
    assertThat(Cli.rows(out).get(41).get("id")).isEqualTo("r42-\u00e9\u6f22\uD83D\uDE00");
  }

  @Test
  void aQuotedFieldSpanningLinesKeepsLaterLineNumbersRight() throws IOException {
    Path in = Cli.write(dir, "q.csv",
        "id,activity,quantity,unit,region,x_note",
        "e1,electricity,1,kWh,US-NWPP,\"two",
        "lines\"",
        "e2,electricity,1,kwhh,US-NWPP,");
    Cli.Result r = Cli.run("calculate", "--input", in.toString(), "--output", dir.resolve("r.csv").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("q.csv:4: column unit: value 'kwhh'");
  }

  /** A number from the summary's scope table: column 1 location-based, 2 market-based. */
  private static double summary(String out, String scope, int column) {
    Matcher m = Pattern.compile(scope + "  [a-z ]+?\\s+([0-9,.]+)\\s+([0-9,.]+)").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return Double.parseDouble(m.group(column).replace(",", ""));
  }
}
