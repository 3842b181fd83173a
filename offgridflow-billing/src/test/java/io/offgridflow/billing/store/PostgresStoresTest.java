package io.offgridflow.billing.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.billing.spi.BillingStateStore;
import io.offgridflow.billing.spi.BillingStateStoreContract;
import io.offgridflow.billing.spi.ProcessedEventStore;
import io.offgridflow.billing.spi.ProcessedEventStoreContract;
import io.offgridflow.billing.spi.UsageOutbox;
import io.offgridflow.billing.spi.UsageOutboxContract;
import io.offgridflow.testkit.TestPostgres;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The PostgreSQL stores against the SPI contracts, each test on a fresh schema of a real server. */
class PostgresStoresTest {

  private static DataSource migrated(String label) {
    DataSource ds = TestPostgres.newSchema(label);
    BillingSchema.migrate(ds);
    return ds;
  }

  @Test
  void migrationRunsEachScriptOnce() {
    DataSource ds = TestPostgres.newSchema("billing_migrate");
    assertThat(BillingSchema.migrate(ds)).isEqualTo(BillingSchema.SCRIPTS.size());
    assertThat(BillingSchema.migrate(ds)).isZero();
  }

  @Nested
  class StateStore extends BillingStateStoreContract {
    @Override
    protected BillingStateStore newStore() {
      return new PostgresBillingStateStore(migrated("billing_state"));
    }
  }

  @Nested
  class Events extends ProcessedEventStoreContract {
    @Override
    protected ProcessedEventStore newStore() {
      return new PostgresProcessedEventStore(migrated("billing_events"));
    }
  }

  @Nested
  class Outbox extends UsageOutboxContract {
    @Override
    protected UsageOutbox newOutbox() {
      return new PostgresUsageOutbox(migrated("billing_outbox"));
    }
  }
}
