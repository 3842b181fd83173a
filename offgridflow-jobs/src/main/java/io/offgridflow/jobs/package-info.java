/** Durable background jobs: {@code JobClient} to enqueue, {@code Worker} to run, job history queries. */
@NullMarked
package io.offgridflow.jobs;

import org.jspecify.annotations.NullMarked;
