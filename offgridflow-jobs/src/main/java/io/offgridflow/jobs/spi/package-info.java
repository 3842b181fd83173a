/**
 * The storage SPI behind the job system. {@code InMemoryJobStore} is the embedded default and
 * {@code PostgresJobStore} the durable one; a host may plug its own and prove it with the abstract
 * contract test shipped in this module's test jar.
 */
@NullMarked
package io.offgridflow.jobs.spi;

import org.jspecify.annotations.NullMarked;
