package io.offgridflow.cloud.spi;

import io.offgridflow.cloud.InMemoryConnectorStateStore;

class InMemoryConnectorStateStoreContractTest extends ConnectorStateStoreContract {
  @Override
  protected ConnectorStateStore newStore() {
    return new InMemoryConnectorStateStore();
  }
}
