package io.offgridflow.connectors.aws.parquet;

import io.offgridflow.connectors.aws.internal.CurRun;
import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.page.PageReadStore;
import org.jspecify.annotations.Nullable;

/**
 * The values of the tags a run groups by, a batch of rows at a time: from CUR 2.0's
 * {@code resource_tags} map ({@link TagMapFeed}) or from one text column per tag (CUR 1.0 Parquet
 * for Athena, {@link TagColumnFeed}). Values are the run's tag ids; 0 means the row has no such tag,
 * which the run groups under the empty string, as the CSV path does.
 */
abstract class TagFeed {
  final CurRun run;
  /** Tag ids by {@code row * width + slot}, for the current batch. */
  final int[] out;
  final int width;

  TagFeed(CurRun run, int width) {
    this.run = run;
    this.width = width;
    this.out = new int[ColumnFeed.BATCH * width];
  }

  /** The column's top-level name, for messages. */
  abstract String name();

  /** Moves to the column chunks of the next row group. */
  abstract void startRowGroup(PageReadStore rowGroup);

  /** Decodes the next {@code n} rows' tags into {@link #out}. */
  abstract void fill(int n) throws IOException;

  /** Sets the run's tags for the current row from batch position {@code i}. */
  abstract void deliver(int i);

  /**
   * Per-chunk cache of tag value ids by dictionary id, per tag (a value dictionary is shared by all
   * keys of a map, so ids are made on first use, not for the whole dictionary).
   */
  static final class ValueIds {
    private int[] @Nullable [] byTag = new int[0][];
    private @Nullable Dictionary dictionary;

    void reset(@Nullable Dictionary d, int tags) {
      dictionary = d;
      byTag = new int[tags][];
    }

    /** The run's id for tag {@code tag} of the value at the leaf's current entry. */
    int id(CurRun run, int tag, RepeatedLeaf leaf) {
      if (leaf.dictId < 0) {
        return run.internTag(tag, leaf.bytes, leaf.offset, leaf.length);
      }
      int[] ids = byTag[tag];
      if (ids == null) {
        ids = new int[dictionary.getMaxId() + 1];
        Arrays.fill(ids, -1);
        byTag[tag] = ids;
      }
      int id = ids[leaf.dictId];
      if (id < 0) {
        byte[] b = dictionary.decodeToBinary(leaf.dictId).getBytes();
        id = run.internTag(tag, b, 0, b.length);
        ids[leaf.dictId] = id;
      }
      return id;
    }
  }
}
