package io.offgridflow.jobs.memory;

import io.offgridflow.jobs.spi.JobStore;
import io.offgridflow.jobs.spi.JobStoreConcurrencyProperties;

class InMemoryJobStoreProperties extends JobStoreConcurrencyProperties {
  @Override
  protected JobStore newStore() {
    return new InMemoryJobStore();
  }
}
