package io.offgridflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demoCalculatesEveryBundledRowAndPrintsTheInventoryByScope() {
    Cli.Result r = Cli.run("demo");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("21 activities")
        .contains("Scope 1  direct emissions")
        .contains("Scope 2  purchased energy")
        .contains("Scope 3  value chain")
        .contains("6 Business travel")
        .contains("1 Purchased goods and services")
        .contains("Biogenic CO2")
        .contains("location-based").contains("market-based")
        .contains("Datasets used:")
        .contains("epa-egrid-2023").contains("desnz-2024").contains("useeio-1.3").contains("gcp-2024");
  }

  @Test
  void demoPrintsItsInputOnRequest() {
    Cli.Result r = Cli.run("demo", "--print-input");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("id,activity,quantity,unit,").contains("R-410A");
  }

  @Test
  void helpListsTheExitCodes() {
    Cli.Result r = Cli.run("calculate", "--help");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("Exit codes:").contains("--fail-fast").contains("--gwp");
    Cli.Result top = Cli.run();
    assertThat(top.exit()).isEqualTo(2);
  }
}
