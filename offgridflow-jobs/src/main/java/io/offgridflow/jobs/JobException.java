package io.offgridflow.jobs;

import io.offgridflow.OffGridFlowException;

/**
 * An error of the job system, with a {@link JobsErrorCode}.
 *
 * <pre>{@code
 * try {
 *   client.enqueue(JobRequest.builder("acme", "report.render").payload(req).build());
 * } catch (JobException e) {
 *   log.warn("{}: {}", e.code(), e.getMessage());
 * }
 * }</pre>
 */
public class JobException extends OffGridFlowException {
  private static final long serialVersionUID = 1L;

  public JobException(JobsErrorCode code, String message) {
    super(code, message);
  }

  public JobException(JobsErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
