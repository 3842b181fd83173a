package io.offgridflow.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an N-row activity CSV with a realistic mix of kinds (see {@link ActivityMix}). The same
 * seed gives the same file, byte for byte.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar io.offgridflow.benchmarks.ActivityFileGenerator 1000000 activities.csv [seed]
 * }</pre>
 */
public final class ActivityFileGenerator {
  static final long DEFAULT_SEED = 20250101L;

  private ActivityFileGenerator() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: ActivityFileGenerator ROWS FILE [SEED]");
      System.exit(2);
    }
    long rows = Long.parseLong(args[0].replace("_", ""));
    Path file = Path.of(args[1]);
    long seed = args.length > 2 ? Long.parseLong(args[2]) : DEFAULT_SEED;
    long bytes = write(file, rows, seed);
    System.out.printf("wrote %,d rows (%,d bytes) to %s%n", rows, bytes, file);
  }

  /** Writes the file and returns its size. */
  static long write(Path file, long rows, long seed) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ActivityMix mix = new ActivityMix(seed);
    StringBuilder sb = new StringBuilder(256);
    try (BufferedWriter w = new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16)) {
      w.write(ActivityMix.HEADER);
      w.write('\n');
      for (long i = 1; i <= rows; i++) {
        sb.setLength(0);
        mix.appendRow(sb, i);
        sb.append('\n');
        w.append(sb);
      }
    }
    return Files.size(file);
  }
}
