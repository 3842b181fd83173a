package io.offgridflow.benchmarks;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end CLI benchmark: generates an N-row activity file (default 1,000,000), runs {@code
 * java -Xmx256m -jar offgridflow-cli.jar calculate} on it in a child JVM, and prints one line with
 * wall time (JVM start and dataset loading included), rows/s and the child's peak heap. As a peer
 * it first times a plain FastCSV read of the same file in a child JVM with the same heap (JVM start
 * and parsing only: no calculation, no output), the floor any CSV-based runner on this machine
 * pays, and prints the CLI's time as a multiple of it.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.offgridflow.benchmarks.CliEndToEnd 1000000
 * java -cp benchmarks/target/benchmarks.jar io.offgridflow.benchmarks.CliEndToEnd 10000000 --xmx 256m
 * }</pre>
 *
 * Options: {@code --jar PATH} (default samples/cli/target/offgridflow-cli.jar), {@code --xmx SIZE}
 * (default 256m), {@code --dir DIR} for the generated files (default benchmarks/target/e2e),
 * {@code --keep-output} to keep the results file, {@code --no-peer} to skip the peer.
 */
public final class CliEndToEnd {
  private static final Pattern PEAK = Pattern.compile("peak_heap_mb=([0-9.]+)");

  private CliEndToEnd() {}

  public static void main(String[] args) throws Exception {
    long rows = 1_000_000;
    Path jar = Path.of("samples/cli/target/offgridflow-cli.jar");
    String xmx = "256m";
    Path dir = Files.isDirectory(Path.of("benchmarks")) ? Path.of("benchmarks/target/e2e") : Path.of("target/e2e");
    boolean keepOutput = false;
    boolean peer = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--jar" -> jar = Path.of(args[++i]);
        case "--xmx" -> xmx = args[++i];
        case "--dir" -> dir = Path.of(args[++i]);
        case "--keep-output" -> keepOutput = true;
        case "--no-peer" -> peer = false;
        default -> rows = Long.parseLong(args[i].replace("_", ""));
      }
    }
    if (!Files.isRegularFile(jar)) {
      System.err.println("no CLI jar at " + jar.toAbsolutePath()
          + "; build it first (./mvnw -q -DskipTests package) or pass --jar PATH");
      System.exit(2);
    }
    Path input = dir.resolve("activities-" + rows + ".csv");
    Path output = dir.resolve("results-" + rows + ".csv");
    if (!Files.isRegularFile(input)) {
      long t0 = System.nanoTime();
      long bytes = ActivityFileGenerator.write(input, rows, ActivityFileGenerator.DEFAULT_SEED);
      System.err.printf(Locale.ROOT, "generated %s (%,d rows, %,d bytes) in %.1f s%n",
          input, rows, bytes, (System.nanoTime() - t0) / 1e9);
    }

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    double peerSeconds = Double.NaN;
    if (peer) {
      readWithFastCsv(input); // warms the page cache for both runs
      String self = Path.of(CliEndToEnd.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(java, "-Xmx" + xmx, "-cp", self, ReadPeer.class.getName(), input.toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      int peerExit = p.waitFor();
      peerSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "peer fastcsv-read rows=%d seconds=%.2f rows_per_s=%.0f xmx=%s exit=%d"
          + " (child JVM, parse only)%n", rows, peerSeconds, rows / peerSeconds, xmx, peerExit);
    }

    List<String> cmd = new ArrayList<>(List.of(
        java, "-Xmx" + xmx, "-jar", jar.toString(), "calculate",
        "--input", input.toString(), "--output", output.toString(), "--report-memory"));
    Path stdout = dir.resolve("cli-stdout.txt");
    Path stderr = dir.resolve("cli-stderr.txt");
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile());
    pb.environment().put("OFFGRIDFLOW_REPORT_MEMORY", "1");
    long t0 = System.nanoTime();
    int exit = pb.start().waitFor();
    double seconds = (System.nanoTime() - t0) / 1e9;

    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    Matcher m = PEAK.matcher(err);
    String peak = m.find() ? m.group(1) : "?";
    if (exit != 0) {
      System.err.println("the CLI exited with " + exit + "; its output:");
      System.err.println(out);
      System.err.println(tail(err, 2000));
    }
    long outRows = countLines(output) - 1;
    if (!keepOutput) {
      Files.deleteIfExists(output);
    }
    System.out.printf(Locale.ROOT,
        "cli-e2e rows=%d seconds=%.2f rows_per_s=%.0f peak_heap_mb=%s xmx=%s exit=%d output_rows=%d%s%n",
        rows, seconds, rows / seconds, peak, xmx, exit, outRows,
        Double.isNaN(peerSeconds) ? "" : String.format(Locale.ROOT, " vs_peer=%.2fx", seconds / peerSeconds));
    System.exit(exit == 0 && outRows == rows ? 0 : 1);
  }

  /** The peer: reads every field of every record, nothing else. */
  public static final class ReadPeer {
    private ReadPeer() {}

    public static void main(String[] args) throws IOException {
      System.out.println(readWithFastCsv(Path.of(args[0])));
    }
  }

  static long readWithFastCsv(Path input) throws IOException {
    long n = 0;
    try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(input)) {
      for (CsvRecord rec : r) {
        if (rec.getFieldCount() > 0) {
          n++;
        }
      }
    }
    return n - 1; // header
  }

  private static long countLines(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    long n = 0;
    byte[] buf = new byte[1 << 16];
    try (var in = Files.newInputStream(file)) {
      int k;
      while ((k = in.read(buf)) > 0) {
        for (int i = 0; i < k; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
      }
    }
    return n;
  }

  private static String tail(String s, int chars) {
    return s.length() <= chars ? s : "..." + s.substring(s.length() - chars);
  }
}
