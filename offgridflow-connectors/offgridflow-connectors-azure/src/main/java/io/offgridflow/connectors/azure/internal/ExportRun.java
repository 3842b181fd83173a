package io.offgridflow.connectors.azure.internal;

import java.time.Instant;
import java.util.List;

/**
 * One run of an export for one billing period: the files it wrote.
 *
 * <pre>{@code
 * for (ExportRun run : ExportLayout.plan(store, "exports", "daily").latest()) run.files();
 * }</pre>
 *
 * @param period the period folder, e.g. {@code 20250101-20250131} ("" for a single local file)
 * @param runId the manifest's run id, or the file name of an unpartitioned run
 * @param runTime when the run was submitted (manifest) or written (blob time)
 * @param dataset the manifest's export type ({@code ActualCost}, {@code AmortizedCost}) or ""
 * @param files data files, in manifest order
 */
public record ExportRun(String period, String runId, Instant runTime, String dataset, List<ExportObject> files) {
  public ExportRun {
    files = List.copyOf(files);
  }
}
