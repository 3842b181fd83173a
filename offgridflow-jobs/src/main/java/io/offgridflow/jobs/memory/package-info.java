/** The embedded default job store: {@link io.offgridflow.jobs.memory.InMemoryJobStore}. */
@NullMarked
package io.offgridflow.jobs.memory;

import org.jspecify.annotations.NullMarked;
