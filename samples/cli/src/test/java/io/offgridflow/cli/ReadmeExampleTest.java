package io.offgridflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import io.offgridflow.calc.Activity;
import io.offgridflow.calc.Calculator;
import io.offgridflow.calc.EmissionResult;
import io.offgridflow.calc.MarketInstruments;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import org.junit.jupiter.api.Test;

/** The embedding example of README.md, kept compiling and right. */
class ReadmeExampleTest {
  @Test
  void theReadmeExampleGivesTheNumbersItShows() {
    Calculator calc = Calculator.builder()
        .catalog(FactorCatalog.bundled())
        .gwp(GwpSet.AR5)
        .build();
    Activity power = Activity.electricity("e1", Quantity.of(2500, Unit.KWH), "US-NWPP")
        .dataset("epa-egrid-2023")
        .market(MarketInstruments.builder().certificatesKwh(1000).build())
        .build();
    EmissionResult r = calc.calculate(power);

    // eGRID2023 NWPP: (631.705 + 28 x 0.054 + 265 x 0.008) lb CO2e/MWh x 0.45359237 kg/lb.
    double kgPerMwh = (631.705 + 28 * 0.054 + 265 * 0.008) * 0.45359237;
    assertThat(r.co2eKg()).isCloseTo(2.5 * kgPerMwh, withPercentage(0.01)).isCloseTo(720.46, withPercentage(0.001));
    assertThat(r.marketCo2eKg()).isCloseTo(1.5 * kgPerMwh, withPercentage(0.01)).isCloseTo(432.28, withPercentage(0.001));
    assertThat(r.provenance().factorId()).isEqualTo("epa-egrid-2023:NWPP");
    assertThat(r.provenance().datasetEdition()).contains("eGRID2023");
    assertThat(r.provenance().factorValue()).isCloseTo(288.18, withPercentage(0.01));
    assertThat(r.provenance().factorUnit()).isEqualTo("MWh");
    assertThat(r.provenance().gwp()).isEqualTo(GwpSet.AR5);
  }
}
