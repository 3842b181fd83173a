package io.offgridflow.benchmarks.cur;

import io.offgridflow.connectors.aws.CurFormat;
import io.offgridflow.connectors.aws.fixtures.CurGenerator;
import io.offgridflow.connectors.aws.parquet.fixtures.CurParquetWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end CUR benchmark: generates an N-row gzip CUR 1.0 (29 columns, about 500 bytes a row;
 * default 1,000,000 rows; kept and reused), syncs it with {@link
 * io.offgridflow.connectors.aws.CurConnector} in a child JVM with a capped heap, grouped by region
 * and usage type, and in the same run queries the same .gz with DuckDB's {@code read_csv}, grouped
 * the same way, in this JVM. Prints one line with rows/s, MB/s of uncompressed CSV, peak heap and
 * the ratio to DuckDB, by wall time and by CPU time (the child JVM's whole process CPU, JIT and GC
 * included, against the CPU this process spent in the DuckDB query; on a shared machine CPU time is
 * the steadier ratio). The time includes the child's JVM start; DuckDB's does not include loading
 * its native library (a warm-up query runs first). Compare ratios within a run, not across runs.
 *
 * <p>Two figures, because the SDK runs inside a host's JVM: {@code seconds}/{@code rows_per_s}/{@code
 * mb_per_s} are a fresh JVM's one sync (JVM start, class loading and JIT warm-up included: a
 * command-line run), {@code warm_*} the best later sync in one JVM (a service syncing bills again
 * and again; {@code vs_duckdb_warm} and {@code vs_ccf_warm} compare it with DuckDB's query and with
 * CCF's estimator timed inside node, neither of which pays a JIT warm-up).
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.offgridflow.benchmarks.cur.CurEndToEnd 1000000
 * java -cp benchmarks/target/benchmarks.jar io.offgridflow.benchmarks.cur.CurEndToEnd 10000000 --xmx 256m --no-peer
 * }</pre>
 *
 * Options: {@code --xmx SIZE} (default 256m), {@code --dir DIR} (default benchmarks/target/cur),
 * {@code --no-peer}, {@code --runs N} (best of N, default 1), {@code --ccf} (also runs Cloud Carbon
 * Footprint's own estimator on the same .gz through {@code tools/ccf-peer/ccf-cur.js} in a child
 * {@code node}, once; needs {@code npm ci} there first; prints its rows/s and {@code vs_ccf}, CCF's
 * wall time over ours, both including process start). {@link CcfComparison} compares the figures.
 *
 * <p>Parquet: the same rows (same seed) are also written once as CUR 2.0 Parquet (Snappy, the
 * Data Exports layout: typed timestamps and doubles, {@code product} and {@code resource_tags} maps)
 * and synced in a child JVM through the same connector, which finds the Parquet reader on the class
 * path. It prints {@code parquet_rows_per_s} (the sync inside the child, file open to result, first
 * run: cold JIT, Parquet's and Hadoop's classes loaded on the way), {@code parquet_warm_rows_per_s}
 * (best later sync in that JVM), {@code parquet_warm_rows_per_cpu_s} (rows per CPU second of the
 * reading thread in that sync: what one free core does, the steadier figure on a shared machine),
 * {@code parquet_wall_rows_per_s} (child JVM start and the first sync) and the child's peak heap. {@code --no-parquet} skips it, {@code --parquet-only} skips the CSV runs and peers.
 */
public final class CurEndToEnd {
  private static final Pattern FIELD = Pattern.compile("(\\w+)=([0-9.]+)");
  /** One seed for the gzip CSV and the Parquet file: the same rows in both. */
  private static final long SEED = 2025;
  /** Syncs in the warm child: the first loads classes and warms the JIT, the best later one counts. */
  private static final int WARM_SYNCS = 4;

  private CurEndToEnd() {}

  public static void main(String[] args) throws Exception {
    long rows = 1_000_000;
    String xmx = "256m";
    Path dir = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks/target/cur") : Path.of("target/cur");
    boolean peer = true;
    int runs = 1;
    boolean ccf = false;
    boolean parquet = true;
    boolean csv = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--xmx" -> xmx = args[++i];
        case "--dir" -> dir = Path.of(args[++i]);
        case "--no-peer" -> peer = false;
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--ccf" -> ccf = true;
        case "--no-parquet" -> parquet = false;
        case "--parquet-only" -> {
          csv = false;
          peer = false;
        }
        default -> rows = Long.parseLong(args[i].replace("_", ""));
      }
    }
    Files.createDirectories(dir);
    Path gz = dir.resolve("cur1-" + rows + ".csv.gz");
    if (!Files.isRegularFile(gz)) {
      long g0 = System.nanoTime();
      Path tmp = dir.resolve(gz.getFileName() + ".tmp");
      CurGenerator.builder().rows(rows).seed(SEED).format(CurFormat.CUR1).build().writeGzip(tmp);
      Files.move(tmp, gz);
      System.err.printf(Locale.ROOT, "generated %s (%d rows, %.1f MB gzip) in %.1f s%n", gz, rows,
          Files.size(gz) / 1e6, (System.nanoTime() - g0) / 1e9);
    }
    if (!csv) {
      System.out.println(parquet(dir, rows, xmx, runs));
      return;
    }
    double best = Double.MAX_VALUE;
    String bestLine = "";
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      String line = child(xmx, gz, 1);
      double wall = (System.nanoTime() - t0) / 1e9;
      if (wall < best) {
        best = wall;
        bestLine = line;
      }
    }
    double chars = num(bestLine, "chars");
    double peak = num(bestLine, "peak_heap_mb");
    long read = (long) num(bestLine, "rows");
    if (read != rows) {
      throw new IllegalStateException("child read " + read + " rows, expected " + rows + ": " + bestLine);
    }
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "cur-e2e rows=%d seconds=%.3f rows_per_s=%.0f mb_per_s=%.0f peak_heap_mb=%.1f xmx=%s gzip_mb=%.1f",
        rows, best, rows / best, chars / 1e6 / best, peak, xmx, Files.size(gz) / 1e6));
    // The host-JVM case: a service that syncs bills again and again runs with classes loaded and
    // the JIT warm. Best later sync of WARM_SYNCS in one child JVM, same heap cap.
    double warm = Double.MAX_VALUE;
    for (int r = 0; r < runs; r++) {
      warm = Math.min(warm, num(child(xmx, gz, WARM_SYNCS), "warm_seconds"));
    }
    out.append(String.format(Locale.ROOT, " warm_seconds=%.3f warm_rows_per_s=%.0f warm_mb_per_s=%.0f",
        warm, rows / warm, chars / 1e6 / warm));
    if (peer) {
      double duck = Double.MAX_VALUE;
      double duckCpu = Double.MAX_VALUE;
      long duckGroups = 0;
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT 1"); // loads the native library outside the timing
        }
        for (int r = 0; r < runs; r++) {
          long t0 = System.nanoTime();
          long c0 = os.getProcessCpuTime();
          duckGroups = duckdb(c, gz);
          duck = Math.min(duck, (System.nanoTime() - t0) / 1e9);
          duckCpu = Math.min(duckCpu, (os.getProcessCpuTime() - c0) / 1e9);
        }
      }
      double cpu = num(bestLine, "cpu_seconds");
      out.append(String.format(Locale.ROOT, " duckdb_seconds=%.3f duckdb_rows_per_s=%.0f duckdb_groups=%d vs_duckdb=%.2fx"
          + " vs_duckdb_warm=%.2fx duckdb_cpu_seconds=%.3f cpu_seconds=%.3f vs_duckdb_cpu=%.2fx",
          duck, rows / duck, duckGroups, duck / best, duck / warm, duckCpu, cpu, duckCpu / cpu));
    }
    if (ccf) {
      Path script = Path.of(Files.isDirectory(Path.of("tools/ccf-peer")) ? "tools/ccf-peer" : "../tools/ccf-peer",
          "ccf-cur.js");
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder("node", script.toString(), gz.toAbsolutePath().toString(), "--lines")
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String ccfOut = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("CCF peer failed: " + ccfOut);
      }
      double ccfWall = (System.nanoTime() - t0) / 1e9;
      String summary = ccfOut.lines().filter(l -> l.startsWith("ccf ")).findFirst()
          .orElseThrow(() -> new IllegalStateException("CCF peer printed no summary: " + ccfOut));
      double ccfSeconds = num(summary, "seconds");
      out.append(String.format(Locale.ROOT,
          " ccf_wall_seconds=%.3f ccf_seconds=%.3f ccf_rows_per_s=%.0f vs_ccf=%.1fx vs_ccf_warm=%.1fx",
          ccfWall, ccfSeconds, num(summary, "rows_per_s"), ccfWall / best, ccfSeconds / warm));
    }
    out.append(' ').append(bestLine.replaceAll("^rows=\\d+ ", "child_"));
    if (parquet) {
      out.append(' ').append(parquet(dir, rows, xmx, runs));
    }
    System.out.println(out);
  }

  /** Writes (once) and syncs the same rows as CUR 2.0 Parquet; the best of {@code runs} child JVMs. */
  private static String parquet(Path dir, long rows, String xmx, int runs) throws Exception {
    Path file = dir.resolve("cur2-" + rows + ".snappy.parquet");
    if (!Files.isRegularFile(file)) {
      long g0 = System.nanoTime();
      Path tmp = dir.resolve("tmp-" + file.getFileName());
      CurParquetWriter.builder().rows(rows).seed(SEED).naming(CurParquetWriter.Naming.CUR2).build().write(tmp);
      Files.move(tmp, file);
      System.err.printf(Locale.ROOT, "generated %s (%d rows, %.1f MB) in %.1f s%n", file, rows, Files.size(file) / 1e6,
          (System.nanoTime() - g0) / 1e9);
    }
    double bestWall = Double.MAX_VALUE;
    String best = "";
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      String line = child(xmx, file, 4);
      // JVM start and the first sync: the child's later syncs are taken out of its wall time.
      double wall = (System.nanoTime() - t0) / 1e9 - num(line, "repeat_seconds");
      if (num(line, "rows") != rows) {
        throw new IllegalStateException("Parquet child read " + line + ", expected " + rows + " rows");
      }
      if (wall < bestWall) {
        bestWall = wall;
        best = line;
      }
    }
    double seconds = num(best, "seconds");
    double warm = num(best, "warm_seconds");
    double warmCpu = num(best, "warm_thread_cpu_seconds");
    return String.format(Locale.ROOT, "parquet_rows_per_s=%.0f parquet_warm_rows_per_s=%.0f"
        + " parquet_warm_rows_per_cpu_s=%.0f parquet_wall_rows_per_s=%.0f parquet_seconds=%.3f"
        + " parquet_warm_seconds=%.3f parquet_wall_seconds=%.3f parquet_peak_heap_mb=%.1f parquet_mb=%.1f",
        rows / seconds, rows / warm, rows / warmCpu, rows / bestWall, seconds, warm, bestWall,
        num(best, "peak_heap_mb"), Files.size(file) / 1e6);
  }

  private static long duckdb(Connection c, Path gz) throws Exception {
    String sql = "SELECT \"product/region\" AS region, \"lineItem/UsageType\" AS usage_type, count(*) AS n,"
        + " sum(\"lineItem/UsageAmount\") AS amount, sum(\"lineItem/BlendedCost\") AS cost"
        + " FROM read_csv('" + gz.toAbsolutePath().toString().replace("'", "''") + "', header = true)"
        + " GROUP BY ALL";
    long groups = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        groups++;
      }
    }
    return groups;
  }

  private static String child(String xmx, Path file, int repeat) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + xmx, "-cp", cp,
        CurSyncOnce.class.getName(), file.toString(), "--repeat", String.valueOf(repeat)));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("child failed: " + out);
    }
    return out;
  }

  private static double num(String line, String key) {
    Matcher m = FIELD.matcher(line);
    while (m.find()) {
      if (m.group(1).equals(key)) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new IllegalStateException("no " + key + " in: " + line);
  }
}
