package io.offgridflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalculateCommandTest {
  static final double KG_PER_LB = 0.45359237;
  static final String HEADER = ResultWriter.HEADER;

  // eGRID2023 NWPP total output rates, lb/MWh (EPA GHG Emission Factors Hub 2025, Table 6).
  static final double NWPP_CO2 = 631.705;
  static final double NWPP_CH4 = 0.054;
  static final double NWPP_N2O = 0.008;

  @TempDir Path dir;

  @Test
  void goodFileExitsZeroWithTheDocumentedColumnsAndPublishedFactorArithmetic() {
    Path in = Cli.write(dir, "activities.csv",
        "id,activity,quantity,unit,region,dataset,year,fuel,x_note",
        "e1,electricity,2500,kWh,US-NWPP,epa-egrid-2023,2024,,Portland",
        "g1,stationary_combustion,1200,therm,US,,2024,natural_gas,boiler");
    Path out = dir.resolve("results.csv");

    Cli.Result r = Cli.run("calculate", "--input", in.toString(), "--output", out.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(Cli.header(out)).isEqualTo(
        "id,status,scope,scope3_category,method,co2e_kg,co2e_market_kg,co2_kg,ch4_kg,n2o_kg,"
            + "other_ghg_co2e_kg,biogenic_co2_kg,dataset,factor_id,factor_value,factor_unit,gwp,message");
    List<Map<String, String>> rows = Cli.rows(out);
    assertThat(rows).hasSize(2);

    Map<String, String> e1 = rows.get(0);
    // 2.5 MWh x (CO2 + 28 CH4 + 265 N2O) lb/MWh x 0.45359237 kg/lb, AR5.
    double e1Expected = 2.5 * (NWPP_CO2 + 28 * NWPP_CH4 + 265 * NWPP_N2O) * KG_PER_LB;
    assertThat(e1).containsEntry("id", "e1").containsEntry("status", "ok").containsEntry("scope", "2")
        .containsEntry("scope3_category", "").containsEntry("method", "location-based")
        .containsEntry("dataset", "epa-egrid-2023").containsEntry("gwp", "AR5").containsEntry("message", "");
    assertThat(e1.get("factor_id")).contains("NWPP");
    assertThat(Cli.num(e1, "co2e_kg")).isCloseTo(e1Expected, withPercentage(0.01));
    // No instrument: market-based equals location-based.
    assertThat(Cli.num(e1, "co2e_market_kg")).isCloseTo(e1Expected, withPercentage(0.01));
    assertThat(Cli.num(e1, "co2_kg")).isCloseTo(2.5 * NWPP_CO2 * KG_PER_LB, withPercentage(0.01));
    assertThat(Cli.num(e1, "ch4_kg")).isCloseTo(2.5 * NWPP_CH4 * KG_PER_LB, withPercentage(0.01));
    assertThat(Cli.num(e1, "n2o_kg")).isCloseTo(2.5 * NWPP_N2O * KG_PER_LB, withPercentage(0.01));

    Map<String, String> g1 = rows.get(1);
    // EPA Hub 2025 Table 1 natural gas: 53.06 kg CO2, 1 g CH4, 0.1 g N2O per MMBtu; 1200 therm = 120 MMBtu.
    double g1Expected = 120 * (53.06 + 28 * 0.001 + 265 * 0.0001);
    assertThat(g1).containsEntry("status", "ok").containsEntry("scope", "1").containsEntry("method", "fuel-based")
        .containsEntry("co2e_market_kg", "").containsEntry("dataset", "epa-hub-2025");
    assertThat(Cli.num(g1, "co2e_kg")).isCloseTo(g1Expected, withPercentage(0.01));

    assertThat(r.out()).contains("2 rows read, 2 ok, 0 failed").contains("Scope 1").contains("Scope 2")
        .contains("location-based").contains("market-based").contains("epa-egrid-2023");
  }

  @Test
  void certificatesCoverPartOfTheLoadInTheMarketBasedFigure() {
    Path in = Cli.write(dir, "a.csv",
        "id,activity,quantity,unit,region,dataset,certificates_kwh",
        "e1,electricity,2500,kWh,US-NWPP,epa-egrid-2023,1000",
        "e2,electricity,2500,kWh,US-NWPP,epa-egrid-2023,2500");
    Path out = dir.resolve("r.csv");

    Cli.Result r = Cli.run("calculate", "--input", in.toString(), "--output", out.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    List<Map<String, String>> rows = Cli.rows(out);
    double perMwh = (NWPP_CO2 + 28 * NWPP_CH4 + 265 * NWPP_N2O) * KG_PER_LB;
    assertThat(Cli.num(rows.get(0), "co2e_kg")).isCloseTo(2.5 * perMwh, withPercentage(0.01));
    // 1000 kWh covered by certificates; the other 1.5 MWh at the grid average.
    assertThat(Cli.num(rows.get(0), "co2e_market_kg")).isCloseTo(1.5 * perMwh, withPercentage(0.01));
    assertThat(Cli.num(rows.get(1), "co2e_market_kg")).isZero();
  }

  @Test
  void gwpOptionRestatesCo2eFromTheGases() {
    Path in = Cli.write(dir, "a.csv",
        "id,activity,quantity,unit,region,dataset",
        "e1,electricity,2500,kWh,US-NWPP,epa-egrid-2023");
    Path out = dir.resolve("r.csv");

    Cli.Result r = Cli.run("calculate", "--input", in.toString(), "--output", out.toString(), "--gwp", "ar4");

    assertThat(r.exit()).as(r.err()).isZero();
    Map<String, String> e1 = Cli.rows(out).get(0);
    // AR4: CH4 25, N2O 298.
    assertThat(Cli.num(e1, "co2e_kg"))
        .isCloseTo(2.5 * (NWPP_CO2 + 25 * NWPP_CH4 + 298 * NWPP_N2O) * KG_PER_LB, withPercentage(0.01));
    assertThat(e1).containsEntry("gwp", "AR4");
  }

  @Test
  void badRowsAreReportedWithLineColumnAndValueWrittenAsErrorsAndCounted() {
    Path in = Cli.write(dir, "bad.csv",
        "id,activity,quantity,unit,region,fuel",
        "ok1,electricity,1000,kWh,US-NWPP,",
        "u1,electricity,1000,kwhh,US-NWPP,",
        "f1,stationary_combustion,100,therm,US,",
        "q1,electricity,abc,kWh,US-NWPP,",
        "r1,electricity,1000,kWh,US-XXXX,",
        "ok2,stationary_combustion,100,therm,US,natural_gas",
        "n1,electricity,1000,kWh");
    Path out = dir.resolve("r.csv");

    Cli.Result r = Cli.run("calculate", "--input", in.toString(), "--output", out.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("bad.csv:3: column unit: value 'kwhh': unknown unit 'kwhh'")
        .contains("bad.csv:4: column fuel: ")
        .contains("bad.csv:5: column quantity: value 'abc': not a number")
        .contains("bad.csv:6: column region: value 'US-XXXX': ")
        .contains("bad.csv:8: the row has 4 fields but the header has 6");
    assertThat(r.err().lines().filter(l -> l.contains("bad.csv:"))).hasSize(5);

    List<Map<String, String>> rows = Cli.rows(out);
    assertThat(rows).extracting(m -> m.get("id")).containsExactly("ok1", "u1", "f1", "q1", "r1", "ok2", "n1");
    assertThat(rows).extracting(m -> m.get("status"))
        .containsExactly("ok", "error", "error", "error", "error", "ok", "error");
    assertThat(rows.get(1).get("message")).startsWith("line 3: column unit: value 'kwhh': unknown unit");
    assertThat(rows.get(2).get("message")).startsWith("line 4: column fuel: value '': ");
    assertThat(rows.get(3).get("message")).startsWith("line 5: column quantity: value 'abc': not a number");
    assertThat(rows.get(4).get("message")).startsWith("line 6: column region: value 'US-XXXX': ");
    assertThat(rows.get(1).get("co2e_kg")).isEmpty();
    assertThat(r.out()).contains("7 rows read, 2 ok, 5 failed").contains("5 rows failed");
  }

  @Test
  void failFastStopsAtTheFirstBadRowAfterWritingWhatWasAccepted() {
    Path in = Cli.write(dir, "a.csv",
        "id,activity,quantity,unit,region",
        "ok1,electricity,1000,kWh,US-NWPP",
        "ok2,electricity,1000,kWh,US-NWPP",
        "bad,electricity,1000,furlong,US-NWPP",
        "ok3,electricity,1000,kWh,US-NWPP",
        "bad2,electricity,1000,kWh,US-XXXX");
    Path out = dir.resolve("r.csv");

    Cli.Result r = Cli.run("calculate", "--input", in.toString(), "--output", out.toString(), "--fail-fast");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("a.csv:4: column unit: value 'furlong'").doesNotContain("US-XXXX");
    assertThat(Cli.rows(out)).extracting(m -> m.get("id") + "=" + m.get("status"))
        .containsExactly("ok1=ok", "ok2=ok", "bad=error");
    assertThat(r.out()).contains("3 rows read, 2 ok, 1 failed").contains("stopped at line 4");
  }

  @Test
  void unknownHeaderColumnIsAUsageErrorNamingTheColumn() {
    Path in = Cli.write(dir, "a.csv",
        "id,activity,qty,unit,region,x_mine",
        "e1,electricity,1000,kWh,US-NWPP,whatever");
    Path out = dir.resolve("r.csv");

    Cli.Result r = Cli.run("calculate", "--input", in.toString(), "--output", out.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("a.csv:1: header: unknown column 'qty' (column 3)")
        .contains("missing required column 'quantity'")
        .doesNotContain("x_mine");
    assertThat(out).doesNotExist();
  }

  @Test
  void duplicateAndMissingColumnsAreUsageErrors() {
    Path dup = Cli.write(dir, "dup.csv", "id,activity,quantity,unit,Unit", "e1,electricity,1,kWh,kWh");
    Cli.Result r = Cli.run("calculate", "--input", dup.toString(), "--output", dir.resolve("r.csv").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("duplicate column 'unit' (columns 4 and 5)");

    Path missing = Cli.write(dir, "missing.csv", "activity,quantity,unit", "electricity,1,kWh");
    r = Cli.run("calculate", "--input", missing.toString(), "--output", dir.resolve("r2.csv").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("missing required column 'id'");
  }

  @Test
  void unreadableInputAndBadOptionsAreUsageErrors() {
    Cli.Result r = Cli.run("calculate", "--input", dir.resolve("nope.csv").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("cannot read").contains("nope.csv");

    Path in = Cli.write(dir, "a.csv", "id,activity,quantity,unit,region", "e1,electricity,1,kWh,US-NWPP");
    r = Cli.run("calculate", "--input", in.toString(), "--gwp", "AR9");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("AR9");

    r = Cli.run("calculate");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--input");

    Path empty = Cli.write(dir, "empty.csv");
    r = Cli.run("calculate", "--input", empty.toString());
    assertThat(r.exit()).isEqualTo(2);
  }

  @Test
  void spendIsDeflatedFromTheYearSpentToTheFactorPriceYear() {
    Path in = Cli.write(dir, "spend.csv",
        "id,activity,quantity,unit,naics,year",
        "s1,spend,12500.00,USD,541511,2024",
        "s2,spend,12500,USD,541511,",
        "s3,spend,12500,USD,54151,2024");
    Path out = dir.resolve("r.csv");

    Cli.Result r = Cli.run("calculate", "--input", in.toString(), "--output", out.toString());

    assertThat(r.exit()).isEqualTo(1);
    List<Map<String, String>> rows = Cli.rows(out);
    Map<String, String> s1 = rows.get(0);
    // USEEIO v1.3 NAICS 541511, with margins: 0.084 kg CO2e per 2022 USD; CPI-U 2022 = 292.655, 2024 = 313.689.
    double expected = 12500 * 292.655 / 313.689 * 0.084;
    assertThat(s1).containsEntry("status", "ok").containsEntry("scope", "3").containsEntry("scope3_category", "1")
        .containsEntry("method", "spend-based").containsEntry("dataset", "useeio-1.3")
        .containsEntry("co2_kg", "").containsEntry("ch4_kg", "").containsEntry("n2o_kg", "");
    assertThat(Cli.num(s1, "co2e_kg")).isCloseTo(expected, withPercentage(0.01));
    assertThat(rows.get(1).get("message")).startsWith("line 3: column year: value '': spend needs the year");
    assertThat(rows.get(2).get("message")).startsWith("line 4: column naics: value '54151': ");
  }

  @Test
  void withoutOutputTheResultsGoToStdoutAndTheSummaryToStderr() {
    Path in = Cli.write(dir, "a.csv",
        "id,activity,quantity,unit,gas",
        "\"r,1\",refrigerant,2.5,kg,R-410A");

    Cli.Result r = Cli.run("calculate", "--input", in.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    List<Map<String, String>> rows = Cli.rows(r.out());
    assertThat(rows).hasSize(1);
    // EPA Hub 2025 Table 12: R-410A GWP (AR5) 1924.
    assertThat(rows.get(0)).containsEntry("id", "r,1").containsEntry("scope", "1")
        .containsEntry("method", "gwp-based");
    assertThat(Cli.num(rows.get(0), "other_ghg_co2e_kg")).isCloseTo(2.5 * 1924, within(1e-9));
    assertThat(Cli.num(rows.get(0), "co2e_kg")).isCloseTo(2.5 * 1924, within(1e-9));
    assertThat(r.err()).contains("1 rows read, 1 ok, 0 failed").contains("Scope 1");
  }

  @Test
  void siteOrgUnitAndPeriodColumnsAreAcceptedAndACsvWithABomReads() throws Exception {
    Path in = dir.resolve("bom.csv");
    Files.writeString(in, "\uFEFFid,activity,quantity,unit,region,site,org_unit,period\n"
        + "e1,electricity,1,MWh,US-NWPP,Portland,Ops,2024-Q1\n");
    Cli.Result r = Cli.run("calculate", "--input", in.toString(), "--output", dir.resolve("r.csv").toString());
    assertThat(r.exit()).as(r.err()).isZero();
  }
}
