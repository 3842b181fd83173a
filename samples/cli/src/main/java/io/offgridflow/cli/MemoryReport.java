package io.offgridflow.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Peak heap use of this JVM, for the end-to-end benchmark: the sum of each heap pool's peak. The
 * pools peak at different moments, so the sum is an upper bound of the true peak.
 */
final class MemoryReport {
  private MemoryReport() {}

  static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** {@code peak_heap_mb=83.2 max_heap_mb=256.0}. */
  static String line() {
    return String.format(
        Locale.ROOT,
        "peak_heap_mb=%.1f max_heap_mb=%.1f",
        peakHeapBytes() / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0);
  }
}
