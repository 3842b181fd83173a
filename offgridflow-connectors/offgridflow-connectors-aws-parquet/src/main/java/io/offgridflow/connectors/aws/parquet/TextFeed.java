package io.offgridflow.connectors.aws.parquet;

import io.offgridflow.connectors.aws.internal.CurField;
import io.offgridflow.connectors.aws.internal.CurRun;
import java.nio.ByteBuffer;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.jspecify.annotations.Nullable;

/**
 * A string column (line-item type, account, service, usage type, unit, region, vCPU) as the run's
 * interned ids. A dictionary page is interned entry by entry once; a plain-encoded value (a
 * dictionary that overflowed) is interned from its bytes without building a String. A null is
 * the empty string, as an empty CSV field is.
 */
final class TextFeed extends ColumnFeed {
  private final CurRun run;
  private final int[] ids = new int[BATCH];
  private final int emptyId;
  private int[] idByDictionaryId = new int[0];

  TextFeed(CurRun run, CurField field, String column, PrimitiveTypeName type, int typeLength) {
    super(field, column, type, typeLength);
    this.run = run;
    this.emptyId = run.intern(field, new byte[0], 0, 0);
  }

  @Override
  public void setDictionary(Dictionary dictionary) {
    int n = dictionary.getMaxId() + 1;
    idByDictionaryId = new int[n];
    for (int d = 0; d < n; d++) {
      idByDictionaryId[d] = intern(dictionary.decodeToBinary(d));
    }
  }

  @Override
  public void addValueFromDictionary(int dictionaryId) {
    ids[pos] = idByDictionaryId[dictionaryId];
  }

  @Override
  int takeIds(int @Nullable [] defs, int defFrom, int maxDef, int[] dictionaryIds, int idFrom, int k) {
    int[] map = idByDictionaryId;
    int used = 0;
    if (defs == null) {
      for (int i = 0; i < k; i++) {
        ids[pos + i] = map[dictionaryIds[idFrom + i]];
      }
      used = k;
    } else {
      for (int i = 0; i < k; i++) {
        ids[pos + i] = defs[defFrom + i] == maxDef ? map[dictionaryIds[idFrom + used++]] : emptyId;
      }
    }
    pos += k;
    return used;
  }

  @Override
  public void addBinary(Binary value) {
    ids[pos] = intern(value);
  }

  @Override
  void addBytes(byte[] bytes, int offset, int len) {
    ids[pos] = run.intern(field, bytes, offset, len);
  }

  private int intern(Binary value) {
    ByteBuffer b = value.toByteBuffer();
    if (b.hasArray()) {
      return run.intern(field, b.array(), b.arrayOffset() + b.position(), b.remaining());
    }
    byte[] copy = value.getBytes();
    return run.intern(field, copy, 0, copy.length);
  }

  @Override
  void addNull() {
    ids[pos] = emptyId;
  }

  @Override
  void deliver(CurRun run, int i) {
    run.setText(field, ids[i]);
  }
}
