package io.offgridflow.jobs.memory;

import io.offgridflow.jobs.spi.JobStore;
import io.offgridflow.jobs.spi.JobStoreContract;

class InMemoryJobStoreTest extends JobStoreContract {
  @Override
  protected JobStore newStore() {
    return new InMemoryJobStore();
  }
}
