package io.offgridflow.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.calc.Calculator;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.xbrl.EntityIdentifier;
import io.offgridflow.xbrl.GhgReport;
import io.offgridflow.xbrl.ReportingPeriod;
import io.offgridflow.xbrl.XbrlReporter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code report}: an activity CSV in, an ESRS E1 GHG report out as an XBRL instance, an Inline XBRL
 * document or a PDF. Rows are read and calculated exactly as {@code calculate} does; a report is
 * written only when every row calculated, because a report missing rows would understate emissions.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Calculates an activity file (as calculate does) and writes the ESRS E1-6 GHG report: an XBRL 2.1"
          + " instance (xbrl), an Inline XBRL 1.1 document (ixbrl) or a PDF (pdf), tagged with the ESRS Set 1"
          + " taxonomy (2023-12-22).",
      "Every row must calculate: bad rows are reported on stderr and no report is written."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:The report was written.",
      "1:Some rows failed (each reported on stderr); no report was written.",
      ExitCodes.USAGE_TEXT,
      ExitCodes.INTERNAL_TEXT
    })
final class ReportCommand implements Callable<Integer> {
  /** The three document formats. */
  enum Format {
    XBRL,
    IXBRL,
    PDF
  }

  private final Supplier<FactorCatalog> catalog;

  @Spec CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Activity file (CSV), as for calculate.")
  Path input;

  @Option(names = "--entity", required = true, paramLabel = "LEI",
      description = "The reporting undertaking's Legal Entity Identifier (20 characters, check digits verified).")
  String entity;

  @Option(names = "--entity-name", paramLabel = "NAME", description = "The undertaking's name, shown in ixbrl and pdf.")
  @Nullable String entityName;

  @Option(names = "--period", required = true, paramLabel = "PERIOD",
      description = "Reporting period: a year (2024) or first/last day (2024-04-01/2025-03-31).")
  String period;

  @Option(names = "--revenue", paramLabel = "AMOUNT",
      description = "Net revenue, for the GHG intensity per net revenue (needs --currency).")
  @Nullable BigDecimal revenue;

  @Option(names = "--currency", paramLabel = "CODE", description = "ISO 4217 currency of --revenue, e.g. EUR.")
  @Nullable String currency;

  @Option(names = "--format", required = true, paramLabel = "FORMAT",
      description = "xbrl, ixbrl or pdf.", converter = FormatConverter.class)
  Format format;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "The report file to write.")
  Path output;

  @Option(names = "--gwp", paramLabel = "SET", defaultValue = "AR5", converter = CalculateCommand.GwpConverter.class,
      description = "GWP set for CO2e: AR4, AR5 (default) or AR6.")
  GwpSet gwp = GwpSet.AR5;

  ReportCommand(Supplier<FactorCatalog> catalog) {
    this.catalog = catalog;
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    String name = input.toString();
    if (!Files.isRegularFile(input) || !Files.isReadable(input)) {
      return usage(err, "cannot read " + name + (Files.isDirectory(input) ? ": it is a directory" : ": no such readable file"));
    }
    if ((revenue == null) != (currency == null)) {
      return usage(err, "--revenue and --currency go together: the intensity is emissions per unit of a currency");
    }
    GhgReport.Builder builder;
    try {
      builder = GhgReport.builder()
          .entity(EntityIdentifier.lei(entity))
          .entityName(entityName)
          .period(ReportingPeriod.parse(period));
      if (revenue != null && currency != null) {
        builder.netRevenue(revenue, currency);
      }
    } catch (OffGridFlowException e) {
      return usage(err, e.getMessage());
    }

    FactorCatalog factors = catalog.get();
    Calculator calculator = Calculator.builder().catalog(factors).gwp(gwp).build();
    CalculationRun.Outcome outcome;
    ActivityCsvHandler handler = new ActivityCsvHandler();
    try (CsvReader<Object> reader = CsvReader.builder()
        .allowExtraFields(true)
        .allowMissingFields(true)
        .build(handler, new InputStreamReader(Files.newInputStream(input), StandardCharsets.UTF_8))) {
      CalculationRun run = new CalculationRun(CompletableFuture.completedFuture(calculator), name, false, err,
          builder::addResult);
      run.header(reader, handler);
      outcome = run.rows(null);
    } catch (CalculationRun.HeaderException e) {
      err.println(e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    } catch (CalculationRun.InputException e) {
      return usage(err, e.getMessage());
    }
    if (outcome.failed() > 0) {
      err.printf(Locale.ROOT, "offgridflow report: %,d of %,d rows failed (see above); no report written, because it"
          + " would leave their emissions out%n", outcome.failed(), outcome.rowsRead());
      err.flush();
      return ExitCodes.ROWS_FAILED;
    }
    GhgReport report;
    try {
      report = builder.datasets(factors.datasets()).build();
    } catch (OffGridFlowException e) {
      return usage(err, name + ": " + e.getMessage());
    }
    try {
      write(report);
    } catch (IOException e) {
      return usage(err, "cannot write " + output + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s: %,d rows, %s report for %s written to %s%n", name, outcome.rowsRead(),
        format.name().toLowerCase(Locale.ROOT), report.period(), output);
    out.flush();
    return ExitCodes.OK;
  }

  /** Writes to a temporary file beside the output and moves it in place, so a failure leaves no half report. */
  private void write(GhgReport report) throws IOException {
    // Not Files.createTempFile: its owner-only permissions would stick to the report after the move.
    Path tmp = output.toAbsolutePath().resolveSibling("." + output.getFileName() + "."
        + ProcessHandle.current().pid() + ".tmp");
    try {
      XbrlReporter reporter = XbrlReporter.builder().build();
      try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        switch (format) {
          case XBRL -> reporter.writeXbrl(report, os);
          case IXBRL -> reporter.writeInlineXbrl(report, os);
          case PDF -> reporter.writePdf(report, os);
        }
      }
      Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static int usage(PrintWriter err, String message) {
    err.println("offgridflow report: " + message);
    err.flush();
    return ExitCodes.USAGE;
  }

  /** xbrl, ixbrl or pdf, any case. */
  static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      try {
        return Format.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException("format '" + value + "' must be xbrl, ixbrl or pdf");
      }
    }
  }
}
