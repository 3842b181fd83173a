package io.offgridflow.jobs;

/**
 * The answer to an enqueue.
 *
 * <pre>{@code
 * Enqueued e = client.enqueue(request);
 * if (!e.created()) log.info("job {} already existed for this unique key", e.id());
 * }</pre>
 *
 * @param id the job's id (the existing job's when its unique key was already taken)
 * @param created false when the unique key made this enqueue a no-op
 */
public record Enqueued(long id, boolean created) {}
