package io.offgridflow.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.EmissionFactor;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.factors.FactorCategory;
import io.offgridflow.factors.FactorQuery;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.factors.InMemoryFactorSource;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A host's own factors: supplier rates, residual mixes and private factors through FactorSource. */
class HostFactorsTest {
  static final DatasetInfo ACME = new DatasetInfo("acme-2025", "Acme factors", "Acme Power", "2025 v1",
      LocalDate.of(2025, 3, 1), "proprietary", DatasetInfo.Tier.PRIMARY);

  static final EmissionFactor GREEN_TARIFF = EmissionFactor.builder().id("acme-2025:green").dataset(ACME)
      .category(FactorCategory.SUPPLIER_ELECTRICITY).subject("acme-green").region("US-NWPP")
      .name("Acme green tariff").unit(Unit.KWH).co2eOnly(0.012, GwpSet.AR5).published("0.012 kg CO2e/kWh").build();

  static final EmissionFactor NWPP_RESIDUAL = EmissionFactor.builder().id("acme-2025:rm-nwpp").dataset(ACME)
      .category(FactorCategory.RESIDUAL_MIX).region("US-NWPP").name("NWPP residual mix").unit(Unit.MWH)
      .gases(300, 0.02, 0.004).published("CO2 300, CH4 0.02, N2O 0.004 kg/MWh").build();

  static final Calculator CALC = Calculator.builder()
      .catalog(FactorCatalog.builder()
          .addSource(InMemoryFactorSource.builder().add(GREEN_TARIFF).add(NWPP_RESIDUAL).build())
          .build())
      .build();

  @Test
  void catalogResidualMixReplacesTheGridAverageInMarketBased() {
    EmissionResult r = CALC.calculate(Activity.electricity("e", Quantity.of(4000, Unit.KWH), "US-NWPP")
        .market(MarketInstruments.builder().certificatesKwh(1000).build()).build());
    // 3000 kWh = 3 MWh x (300 + 28 x 0.02 + 265 x 0.004) kg/MWh
    double expected = 3 * (300 + 28 * 0.02 + 265 * 0.004);
    assertThat(r.marketCo2eKg()).isCloseTo(expected, within(expected * 1e-12));
    assertThat(r.market().orElseThrow().segments().get(1).source()).isEqualTo("acme-2025:rm-nwpp");
    // Location-based still uses the grid average.
    assertThat(r.provenance().datasetId()).isEqualTo("epa-egrid-2023");
  }

  @Test
  void namedSupplierFactorIsUsedBeforeTheResidualMix() {
    EmissionResult r = CALC.calculate(Activity.electricity("e", Quantity.of(4000, Unit.KWH), "US-NWPP")
        .market(MarketInstruments.builder().supplier("acme-green").build()).build());
    assertThat(r.marketCo2eKg()).isCloseTo(4000 * 0.012, within(1e-9));
    assertThat(r.market().orElseThrow().segments().get(0).basis()).isEqualTo(MarketBased.Basis.SUPPLIER_SPECIFIC);
  }

  @Test
  void unknownSupplierIsAnErrorNotASilentFallback() {
    assertThatThrownBy(() -> CALC.calculate(Activity.electricity("e", Quantity.of(1, Unit.KWH), "US-NWPP")
            .market(MarketInstruments.builder().supplier("nobody").build()).build()))
        .isInstanceOfSatisfying(FactorNotFoundException.class, e -> {
          assertThat(e.field()).isEqualTo("supplier");
          assertThat(e.value()).isEqualTo("nobody");
        });
  }

  @Test
  void hostFactorsAreSearchable() {
    assertThat(CALC.catalog().search(FactorQuery.builder().text("acme green").build()))
        .first().isEqualTo(GREEN_TARIFF);
  }

  @Test
  void clashingFactorIdsAreRejectedAtBuild() {
    assertThatThrownBy(() -> FactorCatalog.builder()
            .addSource(InMemoryFactorSource.builder().add(GREEN_TARIFF).build())
            .addSource(InMemoryFactorSource.builder().add(GREEN_TARIFF).build())
            .build())
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_CONFIGURATION));
  }
}
