package io.offgridflow.factors.spi;

import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.EmissionFactor;
import java.util.List;

/**
 * Supplies emission factors to a {@link io.offgridflow.factors.FactorCatalog}: a host's
 * supplier-specific rates, residual mixes or private factors. Called once, when the catalog is
 * built; the catalog keeps the factors it returns.
 *
 * <pre>{@code
 * FactorCatalog catalog = FactorCatalog.builder()
 *     .addSource(InMemoryFactorSource.builder().add(acmeGreenTariff).add(acmeResidualMix).build())
 *     .build();
 * }</pre>
 */
public interface FactorSource {

  /** The datasets this source's factors belong to. */
  List<DatasetInfo> datasets();

  /** Every factor of this source; each factor's dataset is one of {@link #datasets()}. */
  List<EmissionFactor> factors();
}
