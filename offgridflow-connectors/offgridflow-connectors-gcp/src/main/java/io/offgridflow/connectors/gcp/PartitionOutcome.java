package io.offgridflow.connectors.gcp;

/**
 * What a sync did with one partition of an export table (a usage month or a usage day).
 *
 * <pre>{@code
 * for (PartitionOutcome p : result.partitions()) {
 *   if (p.status() == PartitionOutcome.Status.SUPERSEDED) log.info("{} was restated", p.partition());
 * }
 * }</pre>
 *
 * @param partition the month ({@code 2025-01-01}) or day ({@code 2025-01-31}) as the export dates it
 * @param fingerprint content identity computed by BigQuery (row count and rounded sums)
 * @param status outcome
 * @param rows rows read (0 when skipped)
 */
public record PartitionOutcome(String partition, String fingerprint, Status status, long rows) {

  /** Outcome of one partition. */
  public enum Status {
    /** Read and counted for the first time. */
    COUNTED,
    /** Same content already counted by an earlier sync: not counted again. */
    SKIPPED_ALREADY_COUNTED,
    /** Counted before with other content (a restated month or day): these numbers replace the earlier ones. */
    SUPERSEDED
  }
}
