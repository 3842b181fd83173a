package io.offgridflow.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.calc.Activity;
import io.offgridflow.calc.ActivityException;
import io.offgridflow.calc.Calculator;
import io.offgridflow.calc.EmissionResult;
import io.offgridflow.inventory.Inventory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Calculates an activity file in constant memory: records stream from the reader through the
 * calculator to the results file one at a time, in input order, on one thread.
 *
 * <p>One thread on purpose. Two designs with two calculating threads were built and measured on
 * the two-core machine this runs on (a parse thread handing row batches to a calculate-and-write
 * thread; the file cut into byte ranges calculated at once): for a million rows both were slower
 * than one thread, because the JIT compiler needs the second core for the first second or two of
 * a run, and handing rows across cores costs more than it saves. The one overlap that pays is at
 * start: rows are parsed ahead while the datasets load.
 *
 * <p>Use: {@link #header} once, then {@link #rows}.
 */
final class CalculationRun {
  /** The header row is unusable; nothing was calculated. */
  static final class HeaderException extends Exception {
    private static final long serialVersionUID = 1L;

    HeaderException(String message) {
      super(message, null, false, false);
    }
  }

  /** The file could not be read to its end (I/O error or malformed CSV). */
  static final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * What a run did.
   *
   * @param stoppedAtLine the line of the row that stopped a {@code --fail-fast} run, or 0
   */
  record Outcome(long rowsRead, long ok, long failed, Inventory inventory, long stoppedAtLine) {}

  private final CompletableFuture<Calculator> calculator;
  private final String fileName;
  private final boolean failFast;
  private final PrintWriter err;
  private final @Nullable Consumer<EmissionResult> listener;

  private @Nullable Iterator<Object> records;
  private @Nullable ActivityCsvHandler headerHandler;
  private List<@Nullable Column> columns = List.of();

  CalculationRun(
      CompletableFuture<Calculator> calculator,
      String fileName,
      boolean failFast,
      PrintWriter err,
      @Nullable Consumer<EmissionResult> listener) {
    this.calculator = calculator;
    this.fileName = fileName;
    this.failFast = failFast;
    this.err = err;
    this.listener = listener;
  }

  /**
   * Reads and checks the header row; call once, before {@link #rows}.
   *
   * @throws HeaderException naming each missing, unknown or duplicate column
   */
  void header(CsvReader<Object> reader, ActivityCsvHandler handler) throws HeaderException, InputException {
    records = reader.iterator();
    headerHandler = handler;
    columns = readHeader(records, handler);
  }

  /**
   * Calculates every row after the header.
   *
   * @param out where results go, in input order; null to write none
   */
  Outcome rows(@Nullable ResultWriter out) throws InputException {
    Iterator<Object> it = records;
    ActivityCsvHandler handler = headerHandler;
    if (it == null || handler == null) {
      throw new IllegalStateException("header() first");
    }
    if (out != null) {
      out.writeHeader();
    }
    Rows rows = new Rows(out);
    RowMapper mapper = new RowMapper(columns.size());
    // While the datasets still load, rows are parsed ahead into a bounded buffer rather than
    // waited for: loading takes a few tenths of a second, about as long as parsing 100,000 rows.
    List<Object> early = new ArrayList<>();
    List<Long> earlyLines = new ArrayList<>();
    Calculator calc = null;
    try {
      while (true) {
        RawRow row;
        try {
          if (!it.hasNext()) {
            break;
          }
          row = (RawRow) it.next();
        } catch (RuntimeException e) {
          if (!early.isEmpty()) {
            rows.drain(calculator.join(), early, earlyLines); // what was read before still counts
          }
          throw new InputException(
              fileName + ":" + handler.currentLine() + ": cannot read the file on from here: " + describe(e), e);
        }
        Object item = mapper.map(row);
        if (calc == null) {
          if (!calculator.isDone() && early.size() < PARSE_AHEAD) {
            early.add(item);
            earlyLines.add(row.line);
            continue;
          }
          calc = calculator.join();
          if (!rows.drain(calc, early, earlyLines)) {
            return rows.outcome();
          }
        }
        if (!rows.handle(calc, item, row.line)) {
          return rows.outcome();
        }
      }
      if (!early.isEmpty()) {
        rows.drain(calculator.join(), early, earlyLines);
      }
      return rows.outcome();
    } finally {
      err.flush();
    }
  }

  /** Rows parsed ahead at most while the datasets load. */
  private static final int PARSE_AHEAD = 65_536;

  /** Counts, inventory and output of the rows handled so far. */
  private final class Rows {
    final @Nullable ResultWriter out;
    final CellInventory inventory = new CellInventory();
    long read;
    long ok;
    long failed;
    long stoppedAtLine;

    Rows(@Nullable ResultWriter out) {
      this.out = out;
    }

    /** Handles rows parsed ahead, in order; false when --fail-fast stops the run. */
    boolean drain(Calculator calc, List<Object> items, List<Long> lines) {
      for (int i = 0; i < items.size(); i++) {
        if (!handle(calc, items.get(i), lines.get(i))) {
          return false;
        }
      }
      items.clear();
      lines.clear();
      return true;
    }

    /** Calculates, counts and writes one row; false when --fail-fast stops the run. */
    boolean handle(Calculator calc, Object item, long line) {
      read++;
      if (item instanceof Activity a) {
        item = calculate(calc, a, line);
      }
      if (item instanceof EmissionResult r) {
        ok++;
        inventory.add(r);
        if (out != null) {
          out.writeOk(r);
        }
        if (listener != null) {
          listener.accept(r);
        }
        return true;
      }
      RowError error = (RowError) item;
      failed++;
      err.println(error.message(fileName));
      if (out != null) {
        out.writeError(error);
      }
      if (failFast) {
        stoppedAtLine = error.line();
        return false;
      }
      return true;
    }

    Outcome outcome() {
      return new Outcome(read, ok, failed, inventory.build(), stoppedAtLine);
    }
  }

  /** An {@link EmissionResult}, or a {@link RowError} naming the field the calculator objected to. */
  private static Object calculate(Calculator calc, Activity a, long line) {
    try {
      return calc.calculate(a);
    } catch (ActivityException e) {
      return new RowError(line, a.id(), e.field(), e.value(), e.reason());
    } catch (OffGridFlowException e) {
      return new RowError(line, a.id(), "", "", e.getMessage());
    }
  }

  private List<@Nullable Column> readHeader(Iterator<Object> records, ActivityCsvHandler handler)
      throws HeaderException, InputException {
    Object first;
    try {
      if (!records.hasNext()) {
        throw new HeaderException(fileName + ": the file is empty; expected a header row naming at least "
            + "id, activity, quantity, unit");
      }
      first = records.next();
    } catch (RuntimeException e) {
      throw new InputException(fileName + ": cannot read the header row: " + describe(e), e);
    }
    HeaderRow header = (HeaderRow) first;
    List<String> problems = new ArrayList<>();
    List<@Nullable Column> cols = new ArrayList<>();
    Map<Column, Integer> seen = new HashMap<>();
    Set<String> seenUser = new HashSet<>();
    for (int i = 0; i < header.names().size(); i++) {
      String raw = header.names().get(i);
      String name = Column.normalize(raw.replace("\uFEFF", ""));
      int position = i + 1;
      if (name.isEmpty()) {
        problems.add("column " + position + " has no name");
        cols.add(null);
        continue;
      }
      if (name.startsWith(Column.USER_PREFIX)) {
        if (!seenUser.add(name)) {
          problems.add("column '" + name + "' appears more than once");
        }
        cols.add(null);
        continue;
      }
      Column c = Column.find(name);
      if (c == null) {
        problems.add("unknown column '" + raw.trim() + "' (column " + position + "); known columns: "
            + Column.knownNames() + "; name your own columns x_* to keep them in the file");
        cols.add(null);
        continue;
      }
      Integer prior = seen.putIfAbsent(c, position);
      if (prior != null) {
        problems.add("duplicate column '" + c.header() + "' (columns " + prior + " and " + position + ")");
      }
      cols.add(c);
    }
    for (Column c : Column.values()) {
      if (c.required() && !seen.containsKey(c)) {
        problems.add("missing required column '" + c.header() + "'");
      }
    }
    if (!problems.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (String p : problems) {
        if (sb.length() > 0) {
          sb.append(System.lineSeparator());
        }
        sb.append(fileName).append(':').append(header.line()).append(": header: ").append(p);
      }
      throw new HeaderException(sb.toString());
    }
    handler.bind(cols);
    return cols;
  }

  private static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      sb.append(": ").append(c.getMessage());
    }
    return sb.toString();
  }
}
