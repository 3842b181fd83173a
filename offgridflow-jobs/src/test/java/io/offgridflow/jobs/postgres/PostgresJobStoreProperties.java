package io.offgridflow.jobs.postgres;

import io.offgridflow.jobs.spi.JobStore;
import io.offgridflow.jobs.spi.JobStoreConcurrencyProperties;
import net.jqwik.api.lifecycle.AfterContainer;
import org.jspecify.annotations.Nullable;

/**
 * The shared concurrency property on PostgreSQL: workers on separate pooled connections, so claims
 * really race in the database. jqwik has no per-try JUnit callbacks here, so each new try closes
 * the previous try's schema.
 */
class PostgresJobStoreProperties extends JobStoreConcurrencyProperties {
  private static @Nullable PgTestDb current;

  @Override
  protected synchronized JobStore newStore() {
    closeCurrent();
    current = PgTestDb.create("jobs_props", 6);
    return current.store();
  }

  @AfterContainer
  static void closeCurrent() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
