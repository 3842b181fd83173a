package io.offgridflow.jobs.spi;

/**
 * What happened to one {@link NewJob}.
 *
 * @param id the new job's id, or the existing job's id when its unique key already existed
 * @param inserted false when the unique key made the enqueue a no-op
 */
public record EnqueueOutcome(long id, boolean inserted) {}
