package io.offgridflow.jobs;

import java.time.Instant;

/**
 * The failure of one attempt, kept in the job's history for as long as the job row lives.
 *
 * @param attempt the attempt number, from 1
 * @param at when the failure was recorded
 * @param workerId the worker that ran the attempt
 * @param message the error (exception class and message, or why the lease was lost)
 */
public record AttemptError(int attempt, Instant at, String workerId, String message) {}
