package io.offgridflow.cloud.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.spi.Checkpoint;
import io.offgridflow.cloud.spi.ConnectorStateStore;
import io.offgridflow.cloud.spi.ConnectorStateStoreContract;
import io.offgridflow.testkit.TestPostgres;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The contract on a real PostgreSQL, plus what only a durable, transactional store can promise. */
class PostgresConnectorStateStoreTest extends ConnectorStateStoreContract {
  static final Instant T1 = Instant.parse("2025-02-01T10:15:30.123456Z");

  @Override
  protected ConnectorStateStore newStore() {
    DataSource ds = TestPostgres.newSchema("checkpoints");
    PostgresConnectorStateStore.migrate(ds);
    return new PostgresConnectorStateStore(ds);
  }

  @Test
  void checkpointsOutliveTheStoreThatWroteThem() {
    DataSource ds = TestPostgres.newSchema("checkpoints");
    PostgresConnectorStateStore.migrate(ds);
    Checkpoint c = new Checkpoint("aws-cur", "s3://bills/2025-01/part-1.csv.gz", "etag=abc;size=42", 1_000_000, T1);
    new PostgresConnectorStateStore(ds).put(c);

    PostgresConnectorStateStore.migrate(ds); // idempotent: a restart migrates again
    assertThat(new PostgresConnectorStateStore(ds).find("aws-cur", c.sourceKey())).contains(c);
  }

  @Test
  void putAllIsAllOrNothing() {
    DataSource ds = TestPostgres.newSchema("checkpoints");
    PostgresConnectorStateStore.migrate(ds);
    PostgresConnectorStateStore store = new PostgresConnectorStateStore(ds);
    // PostgreSQL text cannot hold NUL: the second row fails, so the first must not stay either.
    List<Checkpoint> sync = List.of(new Checkpoint("aws-cur", "a.csv", "f", 1, T1),
        new Checkpoint("aws-cur", "bad\0key", "f", 1, T1));

    assertThatThrownBy(() -> store.putAll(sync))
        .isInstanceOf(OffGridFlowException.class)
        .hasMessageContaining("none was stored")
        .satisfies(e -> assertThat(((OffGridFlowException) e).code()).isEqualTo(CloudErrorCode.STATE_STORE_FAILURE));
    assertThat(store.list("aws-cur")).isEmpty();
  }
}
