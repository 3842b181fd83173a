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
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.jspecify.annotations.Nullable;

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
 * <p>Grouping by tags ({@link #readsTags()}): CUR 2.0's {@code resource_tags} MAP column is read
 * through its key and value leaf columns ({@link TagMapFeed}), CUR 1.0 Athena tag columns as text
 * ({@link TagColumnFeed}); both only when the run asks for tags.
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

  /** This reader feeds the tags a run groups by (CUR 2.0 {@code resource_tags} map, CUR 1.0 Athena tag columns). */
  @Override
  public boolean readsTags() {
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
      CurRun.ColumnarBinding binding = run.bindColumnsAndTags(names);
      int[] at = binding.fields();
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
      List<TagSource> tagSources = tagSources(run, binding, schema, name);
      for (TagSource t : tagSources) {
        projected.add(t.type);
      }
      MessageType projection = new MessageType(schema.getName(), projected);
      reader.setRequestedSchema(projection);
      TagFeed[] tagFeeds = new TagFeed[tagSources.size()];
      for (int i = 0; i < tagFeeds.length; i++) {
        tagFeeds[i] = tagSources.get(i).feed(run, projection);
      }
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
        for (TagFeed t : tagFeeds) {
          t.startRowGroup(rowGroup);
        }
        long rows = rowGroup.getRowCount();
        for (long done = 0; done < rows; ) {
          int n = (int) Math.min(ColumnFeed.BATCH, rows - done);
          fill(pageColumns, n, name, rowBase + done);
          fill(tagFeeds, n, name, rowBase + done);
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
            for (TagFeed t : tagFeeds) {
              t.deliver(i);
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
        throw corrupt(name, c.name(), rowBase, e);
      }
    }
  }

  private static void fill(TagFeed[] feeds, int n, String name, long rowBase) throws IOException {
    for (TagFeed t : feeds) {
      try {
        t.fill(n);
      } catch (IllegalStateException | IllegalArgumentException | ParquetDecodingException e) {
        throw corrupt(name, t.name(), rowBase, e);
      }
    }
  }

  /** What parquet-java's decoders throw on bad data, as an error naming the file, column and row. */
  private static OffGridFlowException corrupt(String file, String column, long rowBase, RuntimeException e) {
    return new OffGridFlowException(CloudErrorCode.INVALID_BILL, file + ": corrupt Parquet data in column "
        + column + " after row " + rowBase + ": " + e.getMessage(), e);
  }

  /** A column holding tags, checked against the schema, and how to read it once projected. */
  private record TagSource(Type type, int[] tags, @Nullable String kvName, int entryDef) {
    TagFeed feed(CurRun run, MessageType projection) {
      String n = type.getName();
      if (kvName == null) {
        return new TagColumnFeed(run, tags, projection.getColumnDescription(new String[] {n}));
      }
      GroupType kv = type.asGroupType().getType(0).asGroupType();
      return new TagMapFeed(run, n, projection.getColumnDescription(new String[] {n, kvName, kv.getType(0).getName()}),
          projection.getColumnDescription(new String[] {n, kvName, kv.getType(1).getName()}), entryDef);
    }
  }

  /**
   * The columns holding the requested tags: CUR 2.0's {@code resource_tags}, which must be a
   * {@code MAP<STRING, STRING>} (a group holding one repeated group of a key and a value string,
   * as AWS and every Parquet writer lay out a map), or one string column per tag.
   */
  private static List<TagSource> tagSources(CurRun run, CurRun.ColumnarBinding b, MessageType schema, String file) {
    List<TagSource> out = new ArrayList<>();
    if (b.tagMap() >= 0) {
      Type t = schema.getType(b.tagMap());
      String expected = "a map of tag key to value (MAP<STRING, STRING>: a group holding one repeated group"
          + " of two strings, key and value)";
      if (t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED) || t.asGroupType().getFieldCount() != 1) {
        throw wrongTagType(file, t, expected);
      }
      Type kv = t.asGroupType().getType(0);
      if (kv.isPrimitive() || !kv.isRepetition(Type.Repetition.REPEATED) || kv.asGroupType().getFieldCount() != 2
          || !isString(kv.asGroupType().getType(0)) || !isString(kv.asGroupType().getType(1))) {
        throw wrongTagType(file, t, expected);
      }
      out.add(new TagSource(t, new int[0], kv.getName(), schema.getMaxDefinitionLevel(t.getName(), kv.getName())));
      return out;
    }
    // Tags by column, in column order: two keys may name one column, which must be projected once.
    Map<Integer, List<Integer>> byColumn = new TreeMap<>();
    int[] columns = b.tagColumns();
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] >= 0) {
        byColumn.computeIfAbsent(columns[i], c -> new ArrayList<>()).add(i);
      }
    }
    byColumn.forEach((column, tags) -> {
      Type t = schema.getType(column);
      if (!isString(t)) {
        throw wrongTagType(file, t, "a string (BINARY) holding the tag's value");
      }
      out.add(new TagSource(t, tags.stream().mapToInt(Integer::intValue).toArray(), null, 0));
    });
    return out;
  }

  private static boolean isString(Type t) {
    return t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)
        && t.asPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.BINARY
        && !(t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation);
  }

  private static OffGridFlowException wrongTagType(String file, Type t, String expected) {
    return new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, file + ": column " + t.getName() + " is "
        + t.toString().trim().replaceAll("\\s+", " ") + "; to group by tags it must be " + expected);
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
