package io.offgridflow.factors.spi;

import io.offgridflow.factors.InMemoryFactorSource;
import io.offgridflow.factors.internal.BundledDatasets;

/** The bundled datasets meet the same contract as a host's source. */
class BundledSourcesContractTest extends FactorSourceContract {

  @Override
  protected FactorSource source() {
    InMemoryFactorSource.Builder all = InMemoryFactorSource.builder();
    for (FactorSource s : BundledDatasets.load().sources()) {
      s.datasets().forEach(all::dataset);
      all.addAll(s.factors());
    }
    return all.build();
  }
}
