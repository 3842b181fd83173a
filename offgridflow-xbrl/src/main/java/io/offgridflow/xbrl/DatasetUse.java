package io.offgridflow.xbrl;

import io.offgridflow.factors.DatasetInfo;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One factor dataset a report's results used, for the methodology disclosure.
 *
 * <pre>{@code
 * for (DatasetUse d : report.datasets()) {
 *   d.datasetId();   // epa-egrid-2023
 *   d.edition();     // eGRID2023 (Jan 2025)
 *   d.info().map(DatasetInfo::publisher);
 * }
 * }</pre>
 *
 * @param datasetId stable dataset id with its edition, from the results' provenance
 * @param edition the publisher's edition label, from the results' provenance
 * @param info name, publisher and licence, when the report was given the catalog's datasets
 * @param results how many results used a factor of this dataset
 */
public record DatasetUse(String datasetId, String edition, @Nullable DatasetInfo info, long results) {
  public Optional<DatasetInfo> datasetInfo() {
    return Optional.ofNullable(info);
  }
}
