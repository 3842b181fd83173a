package io.offgridflow.connectors.aws;

/**
 * What a sync did with one source file.
 *
 * <pre>{@code
 * result.sources().get(0).status();   // COUNTED, SKIPPED_ALREADY_COUNTED or SUPERSEDED
 * }</pre>
 *
 * @param source the file
 * @param fingerprint content identity (size and CRC32C of the stored bytes)
 * @param status outcome
 * @param rows data rows read (0 when skipped)
 */
public record SourceOutcome(String source, String fingerprint, Status status, long rows) {

  /** Outcome of one source. */
  public enum Status {
    /** Read and counted for the first time. */
    COUNTED,
    /** Same content already counted by an earlier sync: not counted again. */
    SKIPPED_ALREADY_COUNTED,
    /** Counted before with other content (a re-delivered bill): these numbers replace the earlier ones. */
    SUPERSEDED
  }
}
