package io.offgridflow.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.offgridflow.factors.FactorCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Runs the CLI in-process with captured streams; the factor catalog loads once for all tests. */
final class Cli {
  private static final Supplier<FactorCatalog> CATALOG = new Supplier<>() {
    private FactorCatalog catalog;

    @Override
    public synchronized FactorCatalog get() {
      if (catalog == null) {
        catalog = FactorCatalog.bundled();
      }
      return catalog;
    }
  };

  private Cli() {}

  record Result(int exit, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = OffGridFlowCli.commandLine(CATALOG);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  static Path write(Path dir, String name, String... lines) {
    try {
      Path p = dir.resolve(name);
      Files.writeString(p, String.join("\n", lines) + "\n");
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rows of a results file (or of results text), keyed by column name, in file order. */
  static List<Map<String, String>> rows(String csv) {
    List<Map<String, String>> rows = new ArrayList<>();
    try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(csv)) {
      for (NamedCsvRecord rec : r) {
        rows.add(new LinkedHashMap<>(rec.getFieldsAsMap()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static List<Map<String, String>> rows(Path file) {
    try {
      return rows(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String header(Path file) {
    try {
      return Files.readAllLines(file).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static double num(Map<String, String> row, String column) {
    return Double.parseDouble(row.get(column));
  }
}
