package io.offgridflow.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.calc.Calculator;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.factors.GwpSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code calculate}: an activity CSV in, a results CSV and a summary by scope out. */
@Command(
    name = "calculate",
    mixinStandardHelpOptions = true,
    description = {
      "Calculates the emissions of every row of an activity file (CSV, UTF-8, header row; see docs/cli.md).",
      "Writes one result row per input row, in input order, with status ok or error, then prints a"
          + " summary by scope. Bad rows are reported on stderr with line, column and value, written as"
          + " status=error rows and counted: none is dropped."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      ExitCodes.OK_TEXT,
      ExitCodes.ROWS_FAILED_TEXT,
      ExitCodes.USAGE_TEXT,
      ExitCodes.INTERNAL_TEXT
    })
final class CalculateCommand implements Callable<Integer> {
  private final Supplier<FactorCatalog> catalog;

  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Activity file (CSV).")
  Path input;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Results file (CSV). Without it the results go to stdout and the summary to stderr.")
  @Nullable Path output;

  @Option(
      names = "--gwp",
      paramLabel = "SET",
      defaultValue = "AR5",
      converter = GwpConverter.class,
      description = "GWP set for CO2e: AR4, AR5 (default) or AR6. A row's gwp column overrides it.")
  GwpSet gwp = GwpSet.AR5;

  @Option(names = "--fail-fast", description = "Stop at the first bad row (exit code 1); rows before it are written.")
  boolean failFast;

  @Option(names = "--report-memory", hidden = true, description = "Print peak heap use to stderr at the end.")
  boolean reportMemory;

  CalculateCommand(Supplier<FactorCatalog> catalog) {
    this.catalog = catalog;
  }

  @Override
  public Integer call() throws IOException {
    CommandLine cl = spec.commandLine();
    PrintWriter err = cl.getErr();
    String name = input.toString();
    if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
      err.println("offgridflow calculate: cannot read " + name
          + (Files.isDirectory(input) ? ": it is a directory" : ": no such readable file"));
      err.flush();
      return ExitCodes.USAGE;
    }
    long started = System.nanoTime();
    // Load the datasets on another thread while the first rows are parsed.
    CompletableFuture<Calculator> calculator = new CompletableFuture<>();
    Thread loader = new Thread(() -> {
      try {
        calculator.complete(Calculator.builder().catalog(catalog.get()).gwp(gwp).build());
      } catch (Throwable t) {
        calculator.completeExceptionally(t);
      }
    }, "offgridflow-dataset-loader");
    loader.setDaemon(true);
    loader.start();

    PrintWriter summary = output != null ? cl.getOut() : err;
    ActivityCsvHandler handler = new ActivityCsvHandler();
    CalculationRun run = new CalculationRun(calculator, name, failFast, err, null);
    CalculationRun.Outcome outcome;
    ResultWriter out = null;
    try (CsvReader<Object> reader = CsvReader.builder()
        .allowExtraFields(true)
        .allowMissingFields(true)
        .build(handler, Prefetch.decoding(Files.newInputStream(input), "offgridflow-decoder"))) {
      run.header(reader, handler);
      // The output is created only once the header is known to be good.
      try {
        out = new ResultWriter(output != null
            ? new CsvOut(Prefetch.writing(Files.newOutputStream(output), "offgridflow-writer"), 1 << 16)
            : new CsvOut(new WriterOutputStream(cl.getOut()), 1 << 16));
      } catch (IOException e) {
        return usage(err, "cannot write " + output + ": " + e.getMessage());
      }
      outcome = run.rows(out);
      if (output != null) {
        out.close();
      } else {
        out.flush();
      }
    } catch (CalculationRun.HeaderException e) {
      err.println(e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    } catch (CalculationRun.InputException e) {
      closeQuietly(out, output != null);
      return usage(err, e.getMessage());
    } catch (java.io.UncheckedIOException e) {
      closeQuietly(out, output != null);
      return usage(err, "cannot write " + (output == null ? "stdout" : output) + ": " + describe(e));
    } catch (IOException | OffGridFlowException e) {
      closeQuietly(out, output != null);
      return usage(err, name + ": " + e.getMessage());
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    Report.summary(summary, name, output == null ? null : output.toString(), outcome, gwp, seconds);
    if (reportMemory || "1".equals(System.getenv("OFFGRIDFLOW_REPORT_MEMORY"))) {
      err.println(MemoryReport.line());
    }
    err.flush();
    summary.flush();
    return outcome.failed() == 0 ? ExitCodes.OK : ExitCodes.ROWS_FAILED;
  }

  private static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      sb.append(": ").append(c.getMessage());
    }
    return sb.toString();
  }

  private static int usage(PrintWriter err, String message) {
    err.println("offgridflow calculate: " + message);
    err.flush();
    return ExitCodes.USAGE;
  }

  private static void closeQuietly(@Nullable ResultWriter out, boolean close) {
    if (out == null) {
      return;
    }
    try {
      if (close) {
        out.close();
      } else {
        out.flush();
      }
    } catch (RuntimeException ignored) {
      // The original failure is what the user needs to see.
    }
  }

  /** Parses AR4/AR5/AR6 case-insensitively; a bad value is a usage error. */
  static final class GwpConverter implements CommandLine.ITypeConverter<GwpSet> {
    @Override
    public GwpSet convert(String value) {
      try {
        return GwpSet.parse(value);
      } catch (OffGridFlowException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
