package io.offgridflow.connectors.aws.parquet;

import io.offgridflow.connectors.aws.internal.CurField;
import io.offgridflow.connectors.aws.internal.CurRun;
import java.nio.ByteBuffer;
import org.apache.parquet.column.values.ValuesReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.jspecify.annotations.Nullable;

/**
 * One projected CUR column: decodes a batch of the column's values into a primitive array
 * ({@link PageColumn} fills it page by page), then hands them to the {@link CurRun} row by row.
 * Decoding a batch per column rather than a row across columns keeps each loop tight and its call
 * sites monomorphic. A dictionary is translated once per column chunk ({@link #setDictionary}), so
 * a repeated value costs an array load per row, never a decode. The value callbacks are
 * parquet-java's {@link PrimitiveConverter} vocabulary ({@code addDouble}, {@code addBinary}, ...).
 *
 * <p>Bad values are noted during decoding and reported in {@link #deliver}, once the run knows the
 * row, so the error can name file, row, column and value.
 */
abstract class ColumnFeed extends PrimitiveConverter {
  /** Rows decoded per column before they are classified: a few KB per column, whatever the file. */
  static final int BATCH = 4096;

  final CurField field;
  final String column;
  final PrimitiveTypeName type;
  /** Byte length of FIXED_LEN_BYTE_ARRAY values. */
  final int typeLength;
  /** Position in the batch of the value being decoded. */
  int pos;
  /** Text of invalid values by batch position (allocated on the first one). */
  private String @Nullable [] invalid;

  ColumnFeed(CurField field, String column, PrimitiveTypeName type, int typeLength) {
    this.field = field;
    this.column = column;
    this.type = type;
    this.typeLength = typeLength;
  }

  /** Records a null (an absent optional value) at {@link #pos}. */
  abstract void addNull();

  /** Sets this column's field of the run's current row from batch position {@code i}. */
  abstract void deliver(CurRun run, int i);

  /**
   * Takes {@code k} values at {@link #pos}: dictionary ids from {@code ids[idFrom..]}, a null where
   * {@code defs[defFrom + i] < maxDef} ({@code defs} null: no nulls). Returns the ids used.
   */
  abstract int takeIds(int @Nullable [] defs, int defFrom, int maxDef, int[] ids, int idFrom, int k);

  /** Takes {@code k} PLAIN-encoded values (little-endian) from {@code values}' position on. */
  void takePlain(int @Nullable [] defs, int defFrom, int maxDef, ByteBuffer values, int k) {
    for (int i = 0; i < k; i++, pos++) {
      if (defs != null && defs[defFrom + i] != maxDef) {
        addNull();
        continue;
      }
      switch (type) {
        case DOUBLE -> addDouble(values.getDouble());
        case FLOAT -> addFloat(values.getFloat());
        case INT32 -> addInt(values.getInt());
        case INT64 -> addLong(values.getLong());
        case BINARY -> addBytes(values, values.getInt());
        case FIXED_LEN_BYTE_ARRAY -> addBytes(values, typeLength);
        case INT96 -> addBytes(values, 12);
        default -> throw new IllegalStateException(column + ": no PLAIN reading of " + type);
      }
    }
  }

  private void addBytes(ByteBuffer values, int len) {
    int at = values.position();
    addBytes(values.array(), values.arrayOffset() + at, len);
    values.position(at + len);
  }

  /** A BINARY / FIXED / INT96 value as bytes in a buffer; by default as a {@link Binary}. */
  void addBytes(byte[] bytes, int offset, int len) {
    addBinary(Binary.fromConstantByteArray(bytes, offset, len));
  }

  /** Takes {@code k} values of another encoding through parquet-java's reader for it. */
  final void takeOther(int @Nullable [] defs, int defFrom, int maxDef, ValuesReader values, int k) {
    for (int i = 0; i < k; i++, pos++) {
      if (defs != null && defs[defFrom + i] != maxDef) {
        addNull();
        continue;
      }
      switch (type) {
        case DOUBLE -> addDouble(values.readDouble());
        case FLOAT -> addFloat(values.readFloat());
        case INT32 -> addInt(values.readInteger());
        case INT64 -> addLong(values.readLong());
        default -> addBinary(values.readBytes());
      }
    }
  }

  @Override
  public final boolean hasDictionarySupport() {
    return true;
  }

  /** Notes that the value at {@link #pos} is invalid; {@link #deliver} reports it. */
  final void markInvalid(String text) {
    if (invalid == null) {
      invalid = new String[BATCH];
    }
    invalid[pos] = text;
  }

  final String invalidText(int i) {
    return invalid == null || invalid[i] == null ? "" : invalid[i];
  }
}
