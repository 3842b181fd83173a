/**
 * The PostgreSQL {@link io.offgridflow.jobs.spi.JobStore}: batch claims with {@code FOR UPDATE SKIP
 * LOCKED}, batch completion, leases, LISTEN/NOTIFY wake-ups and shipped migrations.
 *
 * <pre>{@code
 * PostgresJobStore.migrate(dataSource);
 * PostgresJobStore store = PostgresJobStore.builder().dataSource(dataSource).build();
 * }</pre>
 */
@NullMarked
package io.offgridflow.jobs.postgres;

import org.jspecify.annotations.NullMarked;
