package io.offgridflow.jobs.postgres;

import io.offgridflow.jobs.spi.JobStore;
import io.offgridflow.jobs.spi.JobStoreContract;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;

/** The whole store contract on a real PostgreSQL, one fresh schema per test. */
class PostgresJobStoreTest extends JobStoreContract {
  private @Nullable PgTestDb db;
  private @Nullable PostgresJobStore pg;

  @Override
  protected JobStore newStore() {
    db = PgTestDb.create("jobs_contract", 6);
    pg = db.store();
    return pg;
  }

  @AfterEach
  void dropSchema() {
    if (pg != null) {
      pg.close();
    }
    if (db != null) {
      db.close();
    }
  }
}
