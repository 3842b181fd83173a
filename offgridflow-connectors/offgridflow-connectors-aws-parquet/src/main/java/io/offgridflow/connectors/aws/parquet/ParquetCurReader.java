package io.offgridflow.connectors.aws.parquet;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.connectors.aws.internal.ColumnarCurReader;
import io.offgridflow.connectors.aws.internal.CurField;
import io.offgridflow.connectors.aws.internal.CurRun;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads CUR 2.0 (Data Exports) Parquet, and the CUR 1.0 Athena-style Parquet whose snake_case
 * names ({@code line_item_usage_type}, {@code product_region}, {@code product_vcpu}) the run also
 * accepts, into a {@link CurRun}. Only the CUR fields the estimate needs are projected, so the other
 * columns (a real export has 100 to 300) are never read from disk or decompressed. parquet-java reads
 * the footer and the projected column chunks and decompresses their pages; the pages are decoded
 * here ({@link PageColumn}), a batch of rows at a time per column: strings stay dictionary ids mapped
 * to the run's ids once per column chunk, numbers stay doubles, dates become day ids. (parquet-java's
 * record-level {@code ColumnReader} decodes one value per call with bookkeeping around each; on a
 * CUR that was about half the CPU of the read.)
 *
 * <p>Found by the connector through {@link java.util.ServiceLoader}; usable directly:
 *
 * <pre>{@code
 * run.startFile("cur.parquet");
 * new ParquetCurReader().read(Path.of("cur.parquet"), "cur.parquet", run);
 * }</pre>
 */
public final class ParquetCurReader implements ColumnarCurReader {
  private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

  /** For {@link java.util.ServiceLoader}. */
  public ParquetCurReader() {}

  @Override
  public String formatName() {
    return "parquet";
  }

  @Override
  public boolean recognizes(byte[] head, int len) {
    if (len < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (head[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void read(Path file, String name, CurRun run) throws IOException {
    checkMagic(file, name);
    ParquetReadOptions options = ParquetReadOptions.builder().build();
    try (ParquetFileReader reader = openFooter(file, name, options)) {
      MessageType schema = reader.getFileMetaData().getSchema();
      List<String> names = new ArrayList<>();
      for (Type t : schema.getFields()) {
        names.add(t.getName());
      }
      int[] at = run.bindColumns(names);
      List<Type> projected = new ArrayList<>();
      List<ColumnFeed> feeds = new ArrayList<>();
      for (CurField f : CurField.values()) {
        int i = at[f.ordinal()];
        if (i < 0) {
          continue;
        }
        Type t = schema.getType(i);
        projected.add(t);
        feeds.add(ColumnFeeds.of(run, f, t, name));
      }
      MessageType projection = new MessageType(schema.getName(), projected);
      reader.setRequestedSchema(projection);
      ColumnFeed[] feedArray = feeds.toArray(new ColumnFeed[0]);
      TextFeed[] texts = feeds.stream().filter(TextFeed.class::isInstance).toArray(TextFeed[]::new);
      NumberFeed[] numbers = feeds.stream().filter(NumberFeed.class::isInstance).toArray(NumberFeed[]::new);
      DateFeed[] dates = feeds.stream().filter(DateFeed.class::isInstance).toArray(DateFeed[]::new);
      if (texts.length + numbers.length + dates.length != feedArray.length) {
        throw new IllegalStateException("a feed of an unknown class: " + feeds);
      }
      ColumnDescriptor[] columns = new ColumnDescriptor[feedArray.length];
      for (int c = 0; c < feedArray.length; c++) {
        columns[c] = projection.getColumnDescription(new String[] {feedArray[c].column});
      }
      long rowBase = 0;
      PageReadStore rowGroup;
      PageColumn[] pageColumns = new PageColumn[feedArray.length];
      while ((rowGroup = nextRowGroup(reader, name)) != null) {
        for (int c = 0; c < feedArray.length; c++) {
          pageColumns[c] = new PageColumn(columns[c], rowGroup.getPageReader(columns[c]), feedArray[c]);
        }
        long rows = rowGroup.getRowCount();
        for (long done = 0; done < rows; ) {
          int n = (int) Math.min(ColumnFeed.BATCH, rows - done);
          fill(pageColumns, n, name, rowBase + done);
          for (int i = 0; i < n; i++) {
            run.beginRow(rowBase + done + i + 1);
            // One loop per feed class: each call site sees one class and is inlined (a loop over
            // all feeds made ten megamorphic calls per row).
            for (TextFeed t : texts) {
              t.deliver(run, i);
            }
            for (NumberFeed x : numbers) {
              x.deliver(run, i);
            }
            for (DateFeed d : dates) {
              d.deliver(run, i);
            }
            run.endRow();
          }
          done += n;
        }
        rowBase += rows;
      }
    }
  }

  private static void fill(PageColumn[] columns, int n, String name, long rowBase) throws IOException {
    for (PageColumn c : columns) {
      try {
        c.fill(n);
      } catch (IllegalStateException | IllegalArgumentException | ParquetDecodingException e) {
        throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, name + ": corrupt Parquet data in column "
            + c.name() + " after row " + rowBase + ": " + e.getMessage(), e);
      }
    }
  }

  /** A clear error for a file that is not Parquet (or is truncated) before parquet-java's own. */
  private static void checkMagic(Path file, String name) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer head = ByteBuffer.allocate(4);
      ByteBuffer tail = ByteBuffer.allocate(4);
      if (size >= 12) {
        ch.read(head, 0);
        ch.read(tail, size - 4);
      }
      if (size < 12 || !recognizes(head) ) {
        throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, name
            + ": not a Parquet file (it does not start with the PAR1 magic bytes)");
      }
      if (!recognizes(tail)) {
        throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, name
            + ": truncated Parquet file (it does not end with the PAR1 footer magic; an incomplete download?)");
      }
    }
  }

  private static boolean recognizes(ByteBuffer b) {
    return b.position() == 4 && b.get(0) == 'P' && b.get(1) == 'A' && b.get(2) == 'R' && b.get(3) == '1';
  }

  private static ParquetFileReader openFooter(Path file, String name, ParquetReadOptions options) throws IOException {
    try {
      return ParquetFileReader.open(new LocalInputFile(file), options);
    } catch (RuntimeException e) {
      // parquet-java reports a corrupt footer with unchecked exceptions.
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, name + ": corrupt Parquet footer: " + e.getMessage(), e);
    }
  }

  private static PageReadStore nextRowGroup(ParquetFileReader reader, String name) throws IOException {
    try {
      return reader.readNextRowGroup();
    } catch (RuntimeException e) {
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, name + ": corrupt Parquet row group "
          + reader.getCurrentRowGroupIndex() + ": " + e.getMessage(), e);
    }
  }
}
