package io.offgridflow.factors.spi;

import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.EmissionFactor;
import io.offgridflow.factors.FactorCategory;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.factors.InMemoryFactorSource;
import io.offgridflow.units.Unit;
import java.time.LocalDate;

class InMemoryFactorSourceContractTest extends FactorSourceContract {
  static final DatasetInfo ACME = new DatasetInfo("acme-2025", "Acme supplier factors", "Acme Power", "2025 v1",
      LocalDate.of(2025, 3, 1), "proprietary", DatasetInfo.Tier.PRIMARY);

  @Override
  protected FactorSource source() {
    return InMemoryFactorSource.builder()
        .add(EmissionFactor.builder().id("acme-2025:green").dataset(ACME).category(FactorCategory.SUPPLIER_ELECTRICITY)
            .subject("acme-green").region("US-NWPP").name("Acme green tariff").unit(Unit.KWH)
            .co2eOnly(0.012, GwpSet.AR5).published("0.012 kg CO2e/kWh").build())
        .add(EmissionFactor.builder().id("acme-2025:rm-nwpp").dataset(ACME).category(FactorCategory.RESIDUAL_MIX)
            .region("US-NWPP").name("NWPP residual mix").unit(Unit.MWH)
            .gases(300, 0.02, 0.004).published("CO2 300, CH4 0.02, N2O 0.004 kg/MWh").build())
        .build();
  }
}
