package io.offgridflow.connectors.aws.parquet;

import io.offgridflow.connectors.aws.internal.CurField;
import io.offgridflow.connectors.aws.internal.CurRun;
import io.offgridflow.connectors.aws.internal.Numbers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.jspecify.annotations.Nullable;

/**
 * A number column (usage amount, cost) as doubles, without text formatting or parsing for the
 * typed encodings: DOUBLE and FLOAT as they are, INT32/INT64 (plain or DECIMAL with a scale, divided
 * by the power of ten the way the CSV parser divides decimal text, so both give the same double),
 * fixed or binary DECIMAL, and number text in a string column (parsed as the CSV path parses it).
 * A null is 0, as an empty CSV field is; NaN or text that is not a number is an error.
 */
final class NumberFeed extends ColumnFeed {
  private final double[] values = new double[BATCH];
  private final int scale;
  private final double divisor;
  /** Whether BINARY / FIXED_LEN_BYTE_ARRAY values are DECIMAL two's-complement integers, not number text. */
  private final boolean binaryDecimal;
  private double[] byDictionaryId = new double[0];
  private String[] dictionaryText = new String[0];

  /**
   * @param scale the DECIMAL scale of an integer or binary column (0 for plain integers)
   */
  NumberFeed(CurField field, String column, PrimitiveTypeName type, int typeLength, int scale, boolean binaryDecimal) {
    super(field, column, type, typeLength);
    this.scale = scale;
    this.divisor = Math.pow(10, scale); // exact for scale <= 22, as Numbers' table
    this.binaryDecimal = binaryDecimal;
  }

  @Override
  public void setDictionary(Dictionary dictionary) {
    int n = dictionary.getMaxId() + 1;
    byDictionaryId = new double[n];
    dictionaryText = new String[n];
    for (int d = 0; d < n; d++) {
      pos = 0;
      // Each entry goes through the same typed path as a plain value, into slot 0 of the batch.
      decodeEntry(dictionary, d);
      byDictionaryId[d] = values[0];
      dictionaryText[d] = invalidText(0);
    }
  }

  private void decodeEntry(Dictionary dictionary, int d) {
    switch (type) {
      case DOUBLE -> addDouble(dictionary.decodeToDouble(d));
      case FLOAT -> addFloat(dictionary.decodeToFloat(d));
      case INT32 -> addInt(dictionary.decodeToInt(d));
      case INT64 -> addLong(dictionary.decodeToLong(d));
      default -> addBinary(dictionary.decodeToBinary(d));
    }
  }

  @Override
  public void addValueFromDictionary(int dictionaryId) {
    double v = byDictionaryId[dictionaryId];
    values[pos] = v;
    if (Double.isNaN(v)) {
      markInvalid(dictionaryText[dictionaryId]);
    }
  }

  @Override
  int takeIds(int @Nullable [] defs, int defFrom, int maxDef, int[] dictionaryIds, int idFrom, int k) {
    int used = 0;
    for (int i = 0; i < k; i++, pos++) {
      if (defs != null && defs[defFrom + i] != maxDef) {
        values[pos] = 0;
      } else {
        addValueFromDictionary(dictionaryIds[idFrom + used++]);
      }
    }
    return used;
  }

  @Override
  void takePlain(int @Nullable [] defs, int defFrom, int maxDef, ByteBuffer plain, int k) {
    if (type != PrimitiveTypeName.DOUBLE) {
      super.takePlain(defs, defFrom, maxDef, plain, k);
      return;
    }
    // The common case (amounts and costs are DOUBLE, mostly unique, so their dictionary overflows): a tight loop.
    for (int i = 0; i < k; i++, pos++) {
      if (defs != null && defs[defFrom + i] != maxDef) {
        values[pos] = 0;
      } else {
        addDouble(plain.getDouble());
      }
    }
  }

  @Override
  public void addDouble(double value) {
    values[pos] = value;
    if (Double.isNaN(value)) {
      markInvalid("NaN");
    }
  }

  @Override
  public void addFloat(float value) {
    addDouble(value);
  }

  @Override
  public void addInt(int value) {
    values[pos] = scale == 0 ? value : value / divisor;
  }

  @Override
  public void addLong(long value) {
    values[pos] = scale == 0 ? (double) value : value / divisor;
  }

  @Override
  public void addBinary(Binary value) {
    if (binaryDecimal) {
      values[pos] = new BigDecimal(new BigInteger(value.getBytes()), scale).doubleValue();
      return;
    }
    ByteBuffer b = value.toByteBuffer();
    byte[] bytes;
    int off;
    if (b.hasArray()) {
      bytes = b.array();
      off = b.arrayOffset() + b.position();
    } else {
      bytes = value.getBytes();
      off = 0;
    }
    double v = Numbers.parse(bytes, off, b.remaining());
    values[pos] = v;
    if (Double.isNaN(v)) {
      markInvalid(new String(bytes, off, b.remaining(), StandardCharsets.UTF_8));
    }
  }

  @Override
  void addNull() {
    values[pos] = 0;
  }

  @Override
  void deliver(CurRun run, int i) {
    double v = values[i];
    if (Double.isNaN(v)) {
      throw run.invalidValue(column, invalidText(i), "is not a number");
    }
    run.setNumber(field, v);
  }
}
