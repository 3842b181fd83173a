package io.offgridflow.connectors.azure;

/**
 * What a sync did with one export file.
 *
 * <pre>{@code
 * for (SourceOutcome o : result.sources()) log.info("{} {} {} rows", o.source(), o.status(), o.rows());
 * }</pre>
 *
 * @param source the blob name (or local path)
 * @param billingPeriod the export's period folder, e.g. {@code 20250101-20250131} ("" for a single file)
 * @param run the export run the file belongs to (manifest run id, or the file name of an unpartitioned run)
 * @param dataset the export's dataset as its manifest names it ({@code ActualCost}, {@code AmortizedCost}),
 *     "" when nothing says (classic exports, single files)
 * @param fingerprint content identity: ETag and length of a blob, size and CRC32C of a local file
 * @param status outcome
 * @param schema the cost column set read ({@link CostExportSchema#NONE} for files not read and for emissions files)
 * @param rows data rows read (0 when not read)
 */
public record SourceOutcome(String source, String billingPeriod, String run, String dataset, String fingerprint,
    Status status,
    CostExportSchema schema, long rows) {

  /** Outcome of one source. */
  public enum Status {
    /** Read and counted for the first time. */
    COUNTED,
    /** Same content already counted by an earlier sync: not counted again. */
    SKIPPED_ALREADY_COUNTED,
    /**
     * Read and counted; an earlier sync counted other content for the same file or billing period
     * (a re-delivered export), so these numbers replace the earlier ones.
     */
    SUPERSEDED,
    /** Part of an older run of a billing period that has a newer run: never counted. */
    OLDER_RUN_NOT_COUNTED
  }
}
