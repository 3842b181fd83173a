package io.offgridflow.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import io.offgridflow.calc.Calculator;
import io.offgridflow.calc.EmissionResult;
import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.factors.GwpSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: calculates the bundled sample inventory and prints it by scope. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Calculates a bundled sample inventory (every activity kind: grid electricity with certificates,"
          + " supplier rate and residual mix, steam, fuels, fleet, travel with and without radiative"
          + " forcing, a refrigerant leak, spend with CPI deflation, cloud) and prints it by scope.",
      "Use --print-input to see the activity file, a template for your own."
    })
final class DemoCommand implements Callable<Integer> {
  static final String RESOURCE = "demo-activities.csv";

  private final Supplier<FactorCatalog> catalog;

  @Spec CommandSpec spec;

  @Option(names = "--gwp", paramLabel = "SET", defaultValue = "AR5", converter = CalculateCommand.GwpConverter.class,
      description = "GWP set: AR4, AR5 (default) or AR6.")
  GwpSet gwp = GwpSet.AR5;

  @Option(names = "--print-input", description = "Print the bundled activity file and exit.")
  boolean printInput;

  DemoCommand(Supplier<FactorCatalog> catalog) {
    this.catalog = catalog;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (printInput) {
      try (InputStream in = open()) {
        out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      out.flush();
      return ExitCodes.OK;
    }
    FactorCatalog factors = catalog.get();
    Calculator calculator = Calculator.builder().catalog(factors).gwp(gwp).build();
    List<EmissionResult> results = new ArrayList<>();
    StringWriter errors = new StringWriter();
    CalculationRun.Outcome outcome;
    ActivityCsvHandler handler = new ActivityCsvHandler();
    try (InputStream in = open();
        CsvReader<Object> reader = CsvReader.builder()
            .allowExtraFields(true)
            .allowMissingFields(true)
            .build(handler, new InputStreamReader(in, StandardCharsets.UTF_8))) {
      CalculationRun run = new CalculationRun(
          java.util.concurrent.CompletableFuture.completedFuture(calculator), RESOURCE, false, new PrintWriter(errors, true), results::add);
      run.header(reader, handler);
      outcome = run.rows(null);
    }

    out.printf(Locale.ROOT, "OffGridFlow demo: %d activities from the bundled sample inventory, GWP %s%n%n",
        outcome.rowsRead(), gwp.name());
    String row = "%-4s %-22s %-8s %12s %12s  %s%n";
    out.printf(Locale.ROOT, row, "id", "activity", "scope", "t CO2e", "market t", "factor");
    for (EmissionResult r : results) {
      String scope = r.scope().number() + (r.scope3Category() > 0 ? "/cat " + r.scope3Category() : "");
      out.printf(Locale.ROOT, row,
          r.activity().id(),
          r.activity().kind().code(),
          scope,
          Report.t(r.co2eKg()),
          r.marketBased() != null ? Report.t(r.marketBased().co2eKg()) : "",
          r.provenance().factorId());
    }
    out.println();
    Report.scopeTable(out, outcome.inventory(), gwp, true);
    out.println();
    out.println("Datasets used:");
    for (String id : new java.util.TreeSet<>(outcome.inventory().datasetsUsed())) {
      DatasetInfo d = factors.dataset(id).orElse(null);
      out.printf(Locale.ROOT, "  %-16s %s%n", id,
          d == null ? "" : d.name() + " (" + d.publisher() + ", " + d.edition() + "; " + d.licence() + ")");
    }
    out.flush();
    if (outcome.failed() > 0) {
      err.print(errors);
      err.printf(Locale.ROOT, "%d of %d demo rows failed%n", outcome.failed(), outcome.rowsRead());
      err.flush();
      return ExitCodes.ROWS_FAILED;
    }
    return ExitCodes.OK;
  }

  private static InputStream open() throws IOException {
    InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IOException("the jar lacks its resource " + RESOURCE);
    }
    return in;
  }
}
