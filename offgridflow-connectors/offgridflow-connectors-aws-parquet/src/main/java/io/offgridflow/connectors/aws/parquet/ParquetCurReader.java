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
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Reads CUR 2.0 (Data Exports) Parquet, and the CUR 1.0 Athena-style Parquet whose snake_case
 * names ({@code line_item_usage_type}, {@code product_region}, {@code product_vcpu}) the run also
 * accepts, into a {@link CurRun}. Only the CUR fields the estimate needs are projected, so the other
 * columns (a real export has 100 to 300) are never read from disk or decompressed. Columns are read
 * with parquet-java's low-level column readers, a batch of rows at a time per column; strings stay
 * dictionary ids mapped once per column chunk, numbers stay doubles, dates become day ids.
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
      ColumnDescriptor[] columns = new ColumnDescriptor[feedArray.length];
      for (int c = 0; c < feedArray.length; c++) {
        columns[c] = projection.getColumnDescription(new String[] {feedArray[c].column});
      }
      GroupConverter root = new FeedsConverter(feedArray);
      String createdBy = reader.getFileMetaData().getCreatedBy();
      long rowBase = 0;
      PageReadStore rowGroup;
      while ((rowGroup = nextRowGroup(reader, name)) != null) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup, root, projection, createdBy);
        for (int c = 0; c < feedArray.length; c++) {
          feedArray[c].attach(store.getColumnReader(columns[c]), columns[c].getMaxDefinitionLevel());
        }
        long rows = rowGroup.getRowCount();
        for (long done = 0; done < rows; ) {
          int n = (int) Math.min(ColumnFeed.BATCH, rows - done);
          for (ColumnFeed feed : feedArray) {
            feed.fill(n);
          }
          for (int i = 0; i < n; i++) {
            run.beginRow(rowBase + done + i + 1);
            for (ColumnFeed feed : feedArray) {
              feed.deliver(run, i);
            }
            run.endRow();
          }
          done += n;
        }
        rowBase += rows;
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

  /** The projected schema's root: field {@code i} is feed {@code i}. */
  private static final class FeedsConverter extends GroupConverter {
    private final ColumnFeed[] feeds;

    FeedsConverter(ColumnFeed[] feeds) {
      this.feeds = feeds;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return feeds[fieldIndex];
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }
}
