package io.offgridflow.connectors.aws.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.jspecify.annotations.Nullable;

/**
 * One column chunk of a row group, read page by page straight from parquet-java's decompressed
 * pages: a page's definition levels and dictionary ids are decoded in one go ({@link HybridDecoder}),
 * PLAIN values are read from the page buffer, and any other encoding (DELTA_*, BYTE_STREAM_SPLIT,
 * ...) goes through parquet-java's own {@link ValuesReader} for it. The CUR columns read are
 * top-level and not repeated (checked before), so there are no repetition levels and definition
 * level {@code maxDef} means present, anything lower null.
 */
final class PageColumn {
  /** How the values of the current page are stored. */
  private enum Mode { DICTIONARY, PLAIN, OTHER }

  private final ColumnDescriptor column;
  private final PageReader pages;
  private final int maxDef;
  private final ColumnFeed feed;
  private final @Nullable Dictionary dictionary;
  private final HybridDecoder hybrid = new HybridDecoder();

  private int[] defs = new int[0];
  private int[] ids = new int[0];
  private boolean allPresent;
  private int pageValues;
  private int pageAt;
  private int idAt;
  private Mode mode = Mode.PLAIN;
  private ByteBuffer plain = ByteBuffer.allocate(0);
  private @Nullable ValuesReader other;

  PageColumn(ColumnDescriptor column, PageReader pages, ColumnFeed feed) {
    this.column = column;
    this.pages = pages;
    this.maxDef = column.getMaxDefinitionLevel();
    this.feed = feed;
    Dictionary d = readDictionary(column, pages);
    if (d != null) {
      feed.setDictionary(d);
    }
    this.dictionary = d;
  }

  /** The column chunk's dictionary, or null when it has none; read before its first data page. */
  static @Nullable Dictionary readDictionary(ColumnDescriptor column, PageReader pages) {
    DictionaryPage dp = pages.readDictionaryPage();
    if (dp == null) {
      return null;
    }
    try {
      return dp.getEncoding().initDictionary(column, dp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The column's name, for messages. */
  String name() {
    return column.getPath()[0];
  }

  /** Feeds the next {@code n} values of the column to the feed's batch, from position 0. */
  void fill(int n) throws IOException {
    feed.pos = 0;
    while (feed.pos < n) {
      if (pageAt == pageValues) {
        nextPage();
      }
      int k = Math.min(n - feed.pos, pageValues - pageAt);
      int[] d = allPresent ? null : defs;
      switch (mode) {
        case DICTIONARY -> idAt += feed.takeIds(d, pageAt, maxDef, ids, idAt, k);
        case PLAIN -> feed.takePlain(d, pageAt, maxDef, plain, k);
        case OTHER -> feed.takeOther(d, pageAt, maxDef, other, k);
      }
      pageAt += k;
    }
  }

  private void nextPage() throws IOException {
    DataPage page = pages.readPage();
    if (page == null) {
      throw new IllegalStateException("column " + column + " has fewer values than its row group has rows");
    }
    pageValues = page.getValueCount();
    pageAt = 0;
    idAt = 0;
    if (defs.length < pageValues) {
      defs = new int[Math.max(pageValues, defs.length * 2)];
    }
    int bitWidth = BytesUtils.getWidthFromMaxInt(maxDef);
    byte[] bytes;
    int valuesFrom;
    Encoding encoding;
    if (page instanceof DataPageV1 v1) {
      bytes = v1.getBytes().toByteArray();
      int at = 0;
      if (maxDef == 0) {
        allPresent = true;
      } else if (v1.getDlEncoding() == Encoding.RLE) {
        int length = BytesUtils.readIntLittleEndian(bytes, 0);
        hybrid.init(bytes, 4, 4 + length, bitWidth);
        hybrid.read(defs, pageValues);
        at = 4 + length;
      } else {
        // Legacy BIT_PACKED levels: parquet-java's reader, then the values follow it.
        ValuesReader levels = v1.getDlEncoding().getValuesReader(column, ValuesType.DEFINITION_LEVEL);
        ByteBufferInputStream in = ByteBufferInputStream.wrap(ByteBuffer.wrap(bytes));
        levels.initFromPage(pageValues, in);
        for (int i = 0; i < pageValues; i++) {
          defs[i] = levels.readInteger();
        }
        at = (int) in.position();
      }
      valuesFrom = at;
      encoding = v1.getValueEncoding();
    } else {
      DataPageV2 v2 = (DataPageV2) page;
      if (maxDef > 0) {
        byte[] levels = v2.getDefinitionLevels().toByteArray();
        hybrid.init(levels, 0, levels.length, bitWidth);
        hybrid.read(defs, pageValues);
      }
      bytes = v2.getData().toByteArray();
      valuesFrom = 0;
      encoding = v2.getDataEncoding();
    }
    int present = pageValues;
    if (maxDef > 0) {
      present = 0;
      for (int i = 0; i < pageValues; i++) {
        if (defs[i] == maxDef) {
          present++;
        }
      }
    }
    allPresent = present == pageValues;
    if (encoding.usesDictionary()) {
      if (dictionary == null) {
        throw new IllegalStateException("column " + column + " has a dictionary-encoded page but no dictionary");
      }
      mode = Mode.DICTIONARY;
      if (ids.length < present) {
        ids = new int[Math.max(present, ids.length * 2)];
      }
      if (present > 0) {
        int idWidth = bytes[valuesFrom] & 0xff;
        hybrid.init(bytes, valuesFrom + 1, bytes.length, idWidth);
        hybrid.read(ids, present);
      }
    } else if (encoding == Encoding.PLAIN) {
      mode = Mode.PLAIN;
      plain = ByteBuffer.wrap(bytes, valuesFrom, bytes.length - valuesFrom).order(ByteOrder.LITTLE_ENDIAN);
    } else {
      mode = Mode.OTHER;
      ValuesReader r = encoding.getValuesReader(column, ValuesType.VALUES);
      r.initFromPage(present, ByteBufferInputStream.wrap(ByteBuffer.wrap(bytes, valuesFrom, bytes.length - valuesFrom)));
      other = r;
    }
  }

}
