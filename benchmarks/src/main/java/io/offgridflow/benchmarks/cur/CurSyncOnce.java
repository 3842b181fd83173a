package io.offgridflow.benchmarks.cur;

import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.aws.CurConnector;
import io.offgridflow.connectors.aws.CurResult;
import io.offgridflow.connectors.aws.GroupKey;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Child-JVM side of {@link CurEndToEnd}: one CUR sync, grouped by region and usage type like the
 * DuckDB peer, then one line with rows, seconds, parsed characters and peak heap. Peak heap is the
 * sum of every heap pool's peak, an upper bound of the heap in use at any one time.
 */
public final class CurSyncOnce {
  private CurSyncOnce() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    long t0 = System.nanoTime();
    CurResult r = CurConnector.builder().file(file).groupBy(GroupKey.parseList("region,usage_type")).build()
        .sync(SyncContext.builder().build());
    double seconds = (System.nanoTime() - t0) / 1e9;
    long peak = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        peak += p.getPeakUsage().getUsed();
      }
    }
    // CPU time of the whole JVM (JIT and GC threads included): on a shared machine the fairer measure.
    double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
    System.out.printf(Locale.ROOT,
        "rows=%d seconds=%.3f cpu_seconds=%.3f chars=%d groups=%d kwh=%.6f co2e_kg=%.6f peak_heap_mb=%.1f%n",
        r.accounting().read(), seconds, cpu, r.uncompressedBytes(), r.groups().size(), r.totalKwh(), r.totalCo2eKg(),
        peak / 1048576.0);
  }
}
