package io.offgridflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.xbrl.EntityIdentifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  /** A valid LEI: 18 characters and the check digits ISO 7064 gives them. */
  private static final String LEI = "529900T8BM49AURSDO" + EntityIdentifier.leiCheckDigits("529900T8BM49AURSDO");

  @TempDir Path dir;

  private Path activities() {
    return Cli.write(dir, "activities.csv",
        "id,activity,quantity,unit,region,year,fuel,mode,naics,certificates_kwh,site,period",
        "e1,electricity,2500,kWh,US-NWPP,2024,,,,1000,Portland office,2024-01",
        "g1,stationary_combustion,1200,therm,US,2024,natural_gas,,,,Portland office,2024-02",
        "f1,passenger_travel,4200,passenger-mile,US,2024,,air_short_haul,,,<script>x</script>,2024-03",
        "s1,spend,12500,USD,US,2024,,,541511,,Corporate,2024");
  }

  @Test
  void writesAnXbrlInstanceWithTheEsrsFactsAndIntensity() throws Exception {
    Path out = dir.resolve("ghg.xbrl");
    Cli.Result r = Cli.run("report", "--input", activities().toString(), "--entity", LEI, "--period", "2024",
        "--revenue", "1000000", "--currency", "EUR", "--format", "xbrl", "--output", out.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("4 rows", "xbrl report for 2024-01-01/2024-12-31");
    String xml = Files.readString(out);
    assertThat(xml).contains("esrs:GrossScope1GreenhouseGasEmissions", "esrs:GrossMarketBasedScope2GreenhouseGasEmissions",
        "Category1PurchasedGoodsAndServicesMember", "Category6BusinessTravelMember",
        "esrs:GHGEmissionsIntensityLocationbasedTotalGHGEmissionsPerNetRevenue", "iso4217:EUR", LEI,
        "US EPA"); // the methodology names the datasets' publishers from the catalog
  }

  @Test
  void writesInlineXbrlAndPdf() throws Exception {
    Path html = dir.resolve("ghg.xhtml");
    Path pdf = dir.resolve("ghg.pdf");
    assertThat(Cli.run("report", "--input", activities().toString(), "--entity", LEI, "--period", "2024",
        "--entity-name", "Acme", "--format", "ixbrl", "--output", html.toString()).exit()).isZero();
    assertThat(Cli.run("report", "--input", activities().toString(), "--entity", LEI, "--period", "2024",
        "--format", "PDF", "--output", pdf.toString()).exit()).isZero();
    String xhtml = Files.readString(html);
    assertThat(xhtml).contains("<ix:nonFraction", "ix:header", "&lt;script&gt;x&lt;/script&gt;")
        .doesNotContain("<script>");
    assertThat(new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
  }

  @Test
  void aRowThatFailsMeansNoReport() {
    Path in = Cli.write(dir, "bad.csv", "id,activity,quantity,unit,region,year",
        "e1,electricity,2500,kWh,US-NWPP,2024", "e2,electricity,10,kwhh,US-NWPP,2024");
    Path out = dir.resolve("ghg.xbrl");
    Cli.Result r = Cli.run("report", "--input", in.toString(), "--entity", LEI, "--period", "2024", "--format", "xbrl",
        "--output", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("bad.csv:3", "kwhh", "no report written");
    assertThat(out).doesNotExist();
    assertThat(dir.toFile().list()).noneMatch(n -> n.endsWith(".tmp"));
  }

  @Test
  void usageErrorsNameTheirInput() {
    String in = activities().toString();
    String out = dir.resolve("x.xbrl").toString();
    Cli.Result badLei = Cli.run("report", "--input", in, "--entity", "ACME", "--period", "2024", "--format", "xbrl",
        "--output", out);
    assertThat(badLei.exit()).isEqualTo(2);
    assertThat(badLei.err()).contains("LEI 'ACME'");
    Cli.Result badFormat = Cli.run("report", "--input", in, "--entity", LEI, "--period", "2024", "--format", "docx",
        "--output", out);
    assertThat(badFormat.exit()).isEqualTo(2);
    assertThat(badFormat.err()).contains("format 'docx' must be xbrl, ixbrl or pdf");
    Cli.Result lonelyRevenue = Cli.run("report", "--input", in, "--entity", LEI, "--period", "2024", "--format", "xbrl",
        "--revenue", "100", "--output", out);
    assertThat(lonelyRevenue.exit()).isEqualTo(2);
    assertThat(lonelyRevenue.err()).contains("--revenue and --currency go together");
    Cli.Result wrongYear = Cli.run("report", "--input", in, "--entity", LEI, "--period", "2023", "--format", "xbrl",
        "--output", out);
    assertThat(wrongYear.exit()).isEqualTo(2);
    assertThat(wrongYear.err()).contains("outside the reporting period 2023-01-01/2023-12-31");
  }
}
