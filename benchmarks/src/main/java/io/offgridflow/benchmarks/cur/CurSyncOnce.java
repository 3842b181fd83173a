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
 * Child-JVM side of {@link CurEndToEnd}: one CUR sync (CSV or, with offgridflow-connectors-aws-parquet
 * on the class path, Parquet), grouped by region and usage type like the DuckDB peer, then one line
 * with rows, seconds, parsed characters and peak heap. Peak heap is the sum of every heap pool's
 * peak, an upper bound of the heap in use at any one time. {@code --repeat N} syncs N times in this
 * JVM and adds {@code warm_seconds}, the best of the later syncs (JIT warm, classes loaded), and the
 * calling thread's CPU time in it ({@code warm_thread_cpu_seconds}: for Parquet, read on the calling
 * thread alone, rows per CPU second is what one free core would do on a loaded machine) and {@code
 * repeat_seconds}, the time of all later syncs together.
 */
public final class CurSyncOnce {
  private CurSyncOnce() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int repeat = args.length > 2 && args[1].equals("--repeat") ? Integer.parseInt(args[2]) : 1;
    long t0 = System.nanoTime();
    CurResult r = sync(file);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double warm = Double.NaN;
    double warmThreadCpu = Double.NaN;
    double repeated = 0; // all later syncs, so the parent can tell JVM start + first sync from its wall time
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 1; i < repeat; i++) {
      long w0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      CurResult again = sync(file);
      double w = (System.nanoTime() - w0) / 1e9;
      double c = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
      repeated += w;
      if (again.accounting().read() != r.accounting().read() || again.totalKwh() != r.totalKwh()) {
        throw new IllegalStateException("a repeated sync gave another result: " + again.accounting());
      }
      if (Double.isNaN(warm) || w < warm) {
        warm = w;
        warmThreadCpu = c;
      }
    }
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
        "rows=%d seconds=%.3f cpu_seconds=%.3f chars=%d groups=%d kwh=%.6f co2e_kg=%.6f peak_heap_mb=%.1f%s%n",
        r.accounting().read(), seconds, cpu, r.uncompressedBytes(), r.groups().size(), r.totalKwh(), r.totalCo2eKg(),
        peak / 1048576.0, Double.isNaN(warm) ? "" : String.format(Locale.ROOT,
            " warm_seconds=%.3f warm_thread_cpu_seconds=%.3f repeat_seconds=%.3f", warm, warmThreadCpu, repeated));
  }

  private static CurResult sync(Path file) {
    // A fresh SyncContext each time: its default in-memory state store is empty, so the file is counted again.
    return CurConnector.builder().file(file).groupBy(GroupKey.parseList("region,usage_type")).build()
        .sync(SyncContext.builder().build());
  }
}
