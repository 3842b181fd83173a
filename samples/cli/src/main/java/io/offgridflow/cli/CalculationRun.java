package io.offgridflow.cli;

import de.siegmar.fastcsv.reader.CsvReader;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.calc.Activity;
import io.offgridflow.calc.Calculator;
import io.offgridflow.calc.EmissionResult;
import io.offgridflow.calc.FactorNotFoundException;
import io.offgridflow.calc.InvalidActivityException;
import io.offgridflow.inventory.Inventory;
import io.offgridflow.inventory.InventoryAccumulator;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Streams an activity file through the calculator in constant memory. A reader thread parses
 * records and builds activities; the calling thread writes result rows and adds them to the
 * inventory; calculation goes to whichever of the two has time. Between them sits a bounded queue of row batches, so at most a few thousand
 * rows are in flight whatever the file size, and output keeps input order.
 */
final class CalculationRun {
  private static final int BATCH = 1024;
  private static final int QUEUE_BATCHES = 8;

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

  /**
   * Rows handed from the reader to the calculating thread. {@code failure} ends the run: an input
   * failure (I/O, malformed CSV) when {@code inputFailure}, otherwise a bug.
   */
  private record Batch(
      Object[] items, long[] lines, int size, @Nullable Throwable failure, boolean inputFailure, boolean last) {}

  private final Supplier<Calculator> calculator;
  private final String fileName;
  private final boolean failFast;
  private final PrintWriter err;
  private @Nullable Iterator<Object> records;
  private int headerFields;
  private final @Nullable Consumer<EmissionResult> listener;

  private volatile boolean stop;
  private volatile long readerWaitNanos;
  private long writerWaitNanos;

  CalculationRun(
      Supplier<Calculator> calculator,
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
    headerFields = readHeader(records, handler);
  }

  /** Calculates every row after the header, writing results to {@code out} (if any) in input order. */
  Outcome rows(@Nullable ResultWriter out) throws InputException {
    if (records == null) {
      throw new IllegalStateException("header() first");
    }
    if (out != null) {
      out.writeHeader();
    }
    BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    Iterator<Object> it = records;
    RowMapper mapper = new RowMapper(headerFields);
    Thread producer = new Thread(() -> produce(it, mapper, queue), "offgridflow-csv-reader");
    producer.setDaemon(true);
    producer.start();
    try {
      return consume(queue, out);
    } finally {
      err.flush();
      stop = true;
      try {
        producer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private int readHeader(Iterator<Object> records, ActivityCsvHandler handler) throws HeaderException, InputException {
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
    List<@Nullable Column> columns = new ArrayList<>();
    Map<Column, Integer> seen = new HashMap<>();
    Set<String> seenUser = new HashSet<>();
    for (int i = 0; i < header.names().size(); i++) {
      String raw = header.names().get(i);
      String name = Column.normalize(raw.replace("\uFEFF", ""));
      int position = i + 1;
      if (name.isEmpty()) {
        problems.add("column " + position + " has no name");
        columns.add(null);
        continue;
      }
      if (name.startsWith(Column.USER_PREFIX)) {
        if (!seenUser.add(name)) {
          problems.add("column '" + name + "' appears more than once");
        }
        columns.add(null);
        continue;
      }
      Column c = Column.find(name);
      if (c == null) {
        problems.add("unknown column '" + raw.trim() + "' (column " + position + "); known columns: "
            + Column.knownNames() + "; name your own columns x_* to keep them in the file");
        columns.add(null);
        continue;
      }
      Integer prior = seen.putIfAbsent(c, position);
      if (prior != null) {
        problems.add("duplicate column '" + c.header() + "' (columns " + prior + " and " + position + ")");
      }
      columns.add(c);
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
    handler.bind(columns);
    return columns.size();
  }

  private void produce(Iterator<Object> records, RowMapper mapper, BlockingQueue<Batch> queue) {
    try {
      Calculator calc = null;
      Object[] items = new Object[BATCH];
      long[] lines = new long[BATCH];
      int n = 0;
      // Calculation goes to whichever thread has time: while the writer has batches waiting, this
      // thread calculates too; otherwise it hands activities on for the writer to calculate.
      boolean calculateHere = false;
      while (!stop) {
        RawRow row;
        try {
          if (!records.hasNext()) {
            break;
          }
          row = (RawRow) records.next();
        } catch (RuntimeException e) {
          offer(queue, new Batch(items, lines, n, e, true, true));
          return;
        }
        Object item = mapper.map(row);
        if (calculateHere && item instanceof Activity a) {
          if (calc == null) {
            calc = calculator.get();
          }
          item = calculate(calc, a, row.line);
        }
        items[n] = item;
        lines[n] = row.line;
        if (++n == BATCH) {
          if (!offer(queue, new Batch(items, lines, n, null, false, false))) {
            return;
          }
          items = new Object[BATCH];
          lines = new long[BATCH];
          n = 0;
          calculateHere = queue.size() >= QUEUE_BATCHES / 2;
        }
      }
      offer(queue, new Batch(items, lines, n, null, false, true));
    } catch (Throwable t) {
      offer(queue, new Batch(new Object[0], new long[0], 0, t, false, true));
    }
  }

  /** An {@link EmissionResult}, or a {@link RowError} naming the field the calculator objected to. */
  private static Object calculate(Calculator calc, Activity a, long line) {
    try {
      return calc.calculate(a);
    } catch (InvalidActivityException e) {
      return new RowError(line, a.id(), e.field(), e.value(), RowMapper.reason(e, a.id(), e.field()));
    } catch (FactorNotFoundException e) {
      return new RowError(line, a.id(), e.field(), e.value(), RowMapper.reason(e, a.id(), e.field()));
    } catch (OffGridFlowException e) {
      return new RowError(line, a.id(), "", "", RowMapper.reason(e, a.id(), ""));
    }
  }

  /** Hands a batch over, giving up when the consumer has stopped. */
  private boolean offer(BlockingQueue<Batch> queue, Batch b) {
    if (queue.offer(b)) {
      return true;
    }
    long start = System.nanoTime();
    try {
      while (!queue.offer(b, 50, TimeUnit.MILLISECONDS)) {
        if (stop) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      readerWaitNanos += System.nanoTime() - start;
    }
  }

  private Outcome consume(BlockingQueue<Batch> queue, @Nullable ResultWriter out) throws InputException {
    InventoryAccumulator inventory = Inventory.accumulator();
    Calculator calc = null;
    long read = 0;
    long ok = 0;
    long failed = 0;
    while (true) {
      Batch b = queue.poll();
      if (b == null) {
        long start = System.nanoTime();
        try {
          b = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InputException(fileName + ": interrupted", e);
        }
        writerWaitNanos += System.nanoTime() - start;
      }
      for (int i = 0; i < b.size(); i++) {
        read++;
        Object item = b.items()[i];
        if (item instanceof Activity a) {
          if (calc == null) {
            calc = calculator.get();
          }
          item = calculate(calc, a, b.lines()[i]);
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
          continue;
        }
        RowError error = (RowError) item;
        failed++;
        err.println(error.message(fileName));
        if (out != null) {
          out.writeError(error);
        }
        if (failFast) {
          stop = true;
          return new Outcome(read, ok, failed, inventory.build(), error.line());
        }
      }
      if (b.failure() != null) {
        Throwable t = b.failure();
        if (!b.inputFailure()) {
          throw new IllegalStateException("the reader thread failed", t);
        }
        throw new InputException(fileName + ": reading stopped after " + read + " rows: " + describe(t), t);
      }
      if (b.last()) {
        return new Outcome(read, ok, failed, inventory.build(), 0);
      }
    }
  }

  /** How long each thread of the last run waited for the other: which one limited throughput. */
  String pipelineStats() {
    return String.format(java.util.Locale.ROOT, "reader_wait_s=%.3f writer_wait_s=%.3f",
        readerWaitNanos / 1e9, writerWaitNanos / 1e9);
  }

  private static String describe(Throwable t) {
    StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      sb.append(": ").append(c.getMessage());
    }
    return sb.toString();
  }
}
