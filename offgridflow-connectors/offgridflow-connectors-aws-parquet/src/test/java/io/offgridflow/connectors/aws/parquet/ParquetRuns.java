package io.offgridflow.connectors.aws.parquet;

import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.UsageClass;
import io.offgridflow.connectors.aws.CurConnector;
import io.offgridflow.connectors.aws.CurFormat;
import io.offgridflow.connectors.aws.CurGroup;
import io.offgridflow.connectors.aws.GroupKey;
import io.offgridflow.connectors.aws.internal.CurRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Runs a Parquet file through the reader, and a CSV file through the connector's CSV path, to compare them. */
final class ParquetRuns {
  /** Every group-by key at once, so every id the reader hands over is checked. */
  static final List<GroupKey> ALL_KEYS = GroupKey.parseList("class,service,region,account,month,day,usage_type");

  /** The groups and the row accounting of one run. */
  record Outcome(List<CurGroup> groups, RowAccounting accounting) {}

  private ParquetRuns() {}

  static Outcome parquet(Path file, List<GroupKey> keys) {
    return parquet(file, keys, List.of());
  }

  /** The reader into a run grouping by {@code keys}, then by the tags {@code tags}. */
  static Outcome parquet(Path file, List<GroupKey> keys, List<String> tags) {
    CurRun run = new CurRun(CcfModel.builder().build(), CurFormat.AUTO, keys, tags, true, () -> {});
    String name = file.getFileName().toString();
    run.startFile(name);
    try {
      new ParquetCurReader().read(file, name, run);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<CurGroup> groups = run.finish();
    long estimated = run.rows(UsageClass.COMPUTE) + run.rows(UsageClass.STORAGE) + run.rows(UsageClass.NETWORKING);
    return new Outcome(groups, new RowAccounting(run.rowsRead(), estimated, run.rows(UsageClass.UNKNOWN),
        run.rows(UsageClass.UNSUPPORTED), run.rows(UsageClass.IGNORED), run.reasons()));
  }

  /** The existing CSV path, end to end through the public connector. */
  static Outcome csv(Path file, CurFormat format, List<GroupKey> keys) {
    return csv(file, format, keys, List.of());
  }

  /** The CSV path grouping by {@code keys}, then by the tags {@code tags}. */
  static Outcome csv(Path file, CurFormat format, List<GroupKey> keys, List<String> tags) {
    var r = CurConnector.builder().file(file).format(format).groupBy(keys).groupByTags(tags).build()
        .sync(SyncContext.builder().build());
    return new Outcome(r.groups(), r.accounting());
  }
}
