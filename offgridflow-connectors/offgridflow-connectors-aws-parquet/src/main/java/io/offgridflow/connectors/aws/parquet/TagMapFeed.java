package io.offgridflow.connectors.aws.parquet;

import io.offgridflow.connectors.aws.internal.CurRun;
import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.page.PageReadStore;
import org.jspecify.annotations.Nullable;

/**
 * The requested tags from CUR 2.0's {@code resource_tags} column, a Parquet
 * {@code MAP<STRING, STRING>}: its key and value leaf columns are read in step, entry by entry, and
 * each row's entries are matched against the requested keys (as given, or in CUR 2.0's spelling;
 * the key as given wins, as in the CSV path's JSON cell). A key's match levels are computed once per
 * dictionary entry and a value's run id once per dictionary entry and tag, so a row costs a few
 * array loads per map entry. A null map, an empty map, a missing key, a null or empty value: no tag.
 */
final class TagMapFeed extends TagFeed {
  private final String name;
  private final ColumnDescriptor keyColumn;
  private final ColumnDescriptor valueColumn;
  private final RepeatedLeaf keys;
  private final RepeatedLeaf values;
  /** Definition level at which a map entry exists (below it: a null or empty map). */
  private final int entryDef;
  private final ValueIds valueIds = new ValueIds();
  /** Per key dictionary id: its match level per tag, {@link #NONE} when it matches no tag; null: not computed yet. */
  private byte[] @Nullable [] levelsByKey = new byte[0][];
  private @Nullable Dictionary keyDictionary;
  private static final byte[] NONE = new byte[0];
  private final byte[] scratch;
  private final int[] best;

  TagMapFeed(CurRun run, String name, ColumnDescriptor keyColumn, ColumnDescriptor valueColumn, int entryDef) {
    super(run, run.tagCount());
    this.name = name;
    this.keyColumn = keyColumn;
    this.valueColumn = valueColumn;
    this.keys = new RepeatedLeaf(keyColumn);
    this.values = new RepeatedLeaf(valueColumn);
    this.entryDef = entryDef;
    this.scratch = new byte[width];
    this.best = new int[width];
  }

  @Override
  String name() {
    return name;
  }

  @Override
  void startRowGroup(PageReadStore rowGroup) {
    keys.start(rowGroup.getPageReader(keyColumn));
    values.start(rowGroup.getPageReader(valueColumn));
    keyDictionary = keys.dictionary();
    levelsByKey = new byte[keyDictionary == null ? 0 : keyDictionary.getMaxId() + 1][];
    valueIds.reset(values.dictionary(), width);
  }

  @Override
  void fill(int n) throws IOException {
    for (int row = 0; row < n; row++) {
      int base = row * width;
      Arrays.fill(out, base, base + width, 0);
      Arrays.fill(best, 0);
      step();
      if (keys.rep != 0) {
        throw new IllegalStateException("map entry of row " + (row + 1) + " of the batch does not start a row"
            + " (repetition level " + keys.rep + ")");
      }
      entry(base);
      while (!keys.nextStartsRow()) {
        step();
        entry(base);
      }
    }
  }

  /** Moves both leaves to their next entry; they must agree on the map's shape. */
  private void step() throws IOException {
    keys.next();
    values.next();
    if (keys.rep != values.rep || (keys.def >= entryDef) != (values.def >= entryDef)) {
      throw new IllegalStateException("the map's key and value columns disagree (key levels " + keys.rep + "/"
          + keys.def + ", value levels " + values.rep + "/" + values.def + ")");
    }
  }

  private void entry(int base) {
    if (keys.def != keys.maxDef) {
      return; // a null or empty map (below entryDef), or an entry with a null key
    }
    byte[] levels = levels();
    if (levels == NONE) {
      return;
    }
    for (int t = 0; t < width; t++) {
      int l = levels[t];
      // ">=": of entries with the same key the last counts, as a JSON object's duplicate key does.
      if (l != 0 && l >= best[t]) {
        best[t] = l;
        out[base + t] = values.def == values.maxDef ? valueIds.id(run, t, values) : 0;
      }
    }
  }

  private byte[] levels() {
    if (keys.dictId < 0) {
      return match(keys.bytes, keys.offset, keys.length, scratch);
    }
    byte[] l = levelsByKey[keys.dictId];
    if (l == null) {
      byte[] b = keyDictionary.decodeToBinary(keys.dictId).getBytes();
      l = match(b, 0, b.length, new byte[width]);
      levelsByKey[keys.dictId] = l;
    }
    return l;
  }

  private byte[] match(byte[] b, int offset, int len, byte[] into) {
    boolean any = false;
    for (int t = 0; t < width; t++) {
      into[t] = (byte) run.tagKeyLevel(t, b, offset, len);
      any |= into[t] != 0;
    }
    return any ? into : NONE;
  }

  @Override
  void deliver(int i) {
    int base = i * width;
    for (int t = 0; t < width; t++) {
      run.setTag(t, out[base + t]);
    }
  }
}
