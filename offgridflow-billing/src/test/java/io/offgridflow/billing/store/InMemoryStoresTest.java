package io.offgridflow.billing.store;

import io.offgridflow.billing.spi.BillingStateStore;
import io.offgridflow.billing.spi.BillingStateStoreContract;
import io.offgridflow.billing.spi.ProcessedEventStore;
import io.offgridflow.billing.spi.ProcessedEventStoreContract;
import io.offgridflow.billing.spi.UsageOutbox;
import io.offgridflow.billing.spi.UsageOutboxContract;
import org.junit.jupiter.api.Nested;

/** The in-memory stores against the SPI contracts. */
class InMemoryStoresTest {
  @Nested
  class StateStore extends BillingStateStoreContract {
    @Override
    protected BillingStateStore newStore() {
      return new InMemoryBillingStateStore();
    }
  }

  @Nested
  class Events extends ProcessedEventStoreContract {
    @Override
    protected ProcessedEventStore newStore() {
      return new InMemoryProcessedEventStore();
    }
  }

  @Nested
  class Outbox extends UsageOutboxContract {
    @Override
    protected UsageOutbox newOutbox() {
      return new InMemoryUsageOutbox();
    }
  }
}
