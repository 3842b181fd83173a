package io.offgridflow.connectors.aws.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ValuesType;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.api.Binary;
import org.jspecify.annotations.Nullable;

/**
 * A cursor over the entries of one string leaf column that may sit inside a repeated group (the key
 * or the value of CUR 2.0's {@code resource_tags} map) or at the top level (a CUR 1.0 Athena tag
 * column), one column chunk at a time. Unlike {@link PageColumn} it decodes repetition levels too:
 * an entry with repetition level 0 starts a row, and a row of a map column holds one entry per map
 * entry (one entry with a lower definition level for a null or empty map). A page's levels and
 * dictionary ids are decoded in one go ({@link HybridDecoder}); a value is a dictionary id (the
 * caller caches what it derives from it per chunk) or bytes in the page buffer, so no String is made.
 */
final class RepeatedLeaf {
  private enum Mode { DICTIONARY, PLAIN, OTHER }

  private final ColumnDescriptor column;
  final int maxDef;
  final int maxRep;
  private final HybridDecoder hybrid = new HybridDecoder();

  private @Nullable PageReader pages;
  private @Nullable Dictionary dictionary;
  private boolean exhausted;
  private int[] reps = new int[0];
  private int[] defs = new int[0];
  private int[] ids = new int[0];
  private int pageValues;
  private int pageAt;
  private int idAt;
  private Mode mode = Mode.PLAIN;
  private byte[] page = new byte[0];
  private int plainAt;
  private @Nullable ValuesReader other;

  /** The current entry's repetition and definition levels. */
  int rep;
  int def;
  /** The current value's dictionary id, or -1 when its page is not dictionary-encoded (then see {@link #bytes}). */
  int dictId;
  /** The current value's bytes when {@link #dictId} is -1 and {@code def == maxDef}. */
  byte[] bytes = new byte[0];
  int offset;
  int length;

  /** A cursor with no chunk yet: call {@link #start} for each row group. */
  RepeatedLeaf(ColumnDescriptor column) {
    this.column = column;
    this.maxDef = column.getMaxDefinitionLevel();
    this.maxRep = column.getMaxRepetitionLevel();
  }

  /** Moves to the column chunk of a row group. */
  void start(PageReader chunk) {
    this.pages = chunk;
    exhausted = false;
    pageValues = 0;
    pageAt = 0;
    dictionary = PageColumn.readDictionary(column, chunk);
  }

  /** The current chunk's dictionary, or null; dictionary ids index it. */
  @Nullable Dictionary dictionary() {
    return dictionary;
  }

  /** The column's top-level name, for messages. */
  String name() {
    return column.getPath()[0];
  }

  /** Whether the entry after the current one starts a new row, or the chunk has ended. */
  boolean nextStartsRow() throws IOException {
    if (maxRep == 0) {
      return true;
    }
    if (pageAt == pageValues && !loadPage()) {
      return true;
    }
    return reps[pageAt] == 0;
  }

  /** Moves to the next entry. */
  void next() throws IOException {
    if (pageAt == pageValues && !loadPage()) {
      throw new IllegalStateException("column " + String.join(".", column.getPath())
          + " has fewer values than its row group has rows");
    }
    rep = maxRep == 0 ? 0 : reps[pageAt];
    def = defs[pageAt];
    pageAt++;
    if (def != maxDef) {
      return;
    }
    switch (mode) {
      case DICTIONARY -> dictId = ids[idAt++];
      case PLAIN -> {
        dictId = -1;
        length = BytesUtils.readIntLittleEndian(page, plainAt);
        offset = plainAt + 4;
        if (length < 0 || offset + length > page.length) {
          throw new IllegalStateException("PLAIN value of " + length + " bytes at offset " + plainAt
              + " overruns the page (" + page.length + " bytes)");
        }
        bytes = page;
        plainAt = offset + length;
      }
      case OTHER -> {
        dictId = -1;
        Binary b = other.readBytes();
        ByteBuffer bb = b.toByteBuffer();
        if (bb.hasArray()) {
          bytes = bb.array();
          offset = bb.arrayOffset() + bb.position();
          length = bb.remaining();
        } else {
          bytes = b.getBytes();
          offset = 0;
          length = bytes.length;
        }
      }
    }
  }

  private boolean loadPage() throws IOException {
    if (exhausted || pages == null) {
      return false;
    }
    DataPage p = pages.readPage();
    if (p == null) {
      exhausted = true;
      return false;
    }
    pageValues = p.getValueCount();
    pageAt = 0;
    idAt = 0;
    if (defs.length < pageValues) {
      defs = new int[Math.max(pageValues, defs.length * 2)];
      reps = new int[defs.length];
    }
    int repWidth = BytesUtils.getWidthFromMaxInt(maxRep);
    int defWidth = BytesUtils.getWidthFromMaxInt(maxDef);
    byte[] data;
    int valuesFrom;
    Encoding encoding;
    if (p instanceof DataPageV1 v1) {
      data = v1.getBytes().toByteArray();
      ByteBufferInputStream in = ByteBufferInputStream.wrap(ByteBuffer.wrap(data));
      if (maxRep > 0) {
        levelsV1(v1.getRlEncoding(), ValuesType.REPETITION_LEVEL, reps, repWidth, data, in);
      }
      if (maxDef > 0) {
        levelsV1(v1.getDlEncoding(), ValuesType.DEFINITION_LEVEL, defs, defWidth, data, in);
      } else {
        Arrays.fill(defs, 0, pageValues, 0);
      }
      valuesFrom = (int) in.position();
      encoding = v1.getValueEncoding();
    } else {
      DataPageV2 v2 = (DataPageV2) p;
      if (maxRep > 0) {
        byte[] levels = v2.getRepetitionLevels().toByteArray();
        hybrid.init(levels, 0, levels.length, repWidth);
        hybrid.read(reps, pageValues);
      }
      if (maxDef > 0) {
        byte[] levels = v2.getDefinitionLevels().toByteArray();
        hybrid.init(levels, 0, levels.length, defWidth);
        hybrid.read(defs, pageValues);
      } else {
        Arrays.fill(defs, 0, pageValues, 0);
      }
      data = v2.getData().toByteArray();
      valuesFrom = 0;
      encoding = v2.getDataEncoding();
    }
    int present = 0;
    for (int i = 0; i < pageValues; i++) {
      if (defs[i] == maxDef) {
        present++;
      }
    }
    if (encoding.usesDictionary()) {
      if (dictionary == null) {
        throw new IllegalStateException("column " + String.join(".", column.getPath())
            + " has a dictionary-encoded page but no dictionary");
      }
      mode = Mode.DICTIONARY;
      if (ids.length < present) {
        ids = new int[Math.max(present, ids.length * 2)];
      }
      if (present > 0) {
        hybrid.init(data, valuesFrom + 1, data.length, data[valuesFrom] & 0xff);
        hybrid.read(ids, present);
      }
    } else if (encoding == Encoding.PLAIN) {
      mode = Mode.PLAIN;
      page = data;
      plainAt = valuesFrom;
    } else {
      mode = Mode.OTHER;
      ValuesReader r = encoding.getValuesReader(column, ValuesType.VALUES);
      r.initFromPage(present, ByteBufferInputStream.wrap(ByteBuffer.wrap(data, valuesFrom, data.length - valuesFrom)));
      other = r;
    }
    return true;
  }

  /** Decodes a V1 page's levels at {@code in}'s position into {@code out}, leaving {@code in} after them. */
  private void levelsV1(Encoding encoding, ValuesType type, int[] out, int width, byte[] data, ByteBufferInputStream in)
      throws IOException {
    int at = (int) in.position();
    if (encoding == Encoding.RLE) {
      int length = BytesUtils.readIntLittleEndian(data, at);
      hybrid.init(data, at + 4, at + 4 + length, width);
      hybrid.read(out, pageValues);
      in.skipFully(4 + length);
    } else {
      // Legacy BIT_PACKED levels: parquet-java's reader.
      ValuesReader levels = encoding.getValuesReader(column, type);
      levels.initFromPage(pageValues, in);
      for (int i = 0; i < pageValues; i++) {
        out[i] = levels.readInteger();
      }
    }
  }
}
