package io.offgridflow.connectors.aws.parquet;

import io.offgridflow.connectors.aws.internal.CurField;
import io.offgridflow.connectors.aws.internal.CurRun;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.jspecify.annotations.Nullable;

/**
 * The usage start date as the run's month and day ids. Typed dates never become text per row: an
 * INT64 timestamp (millis, micros or nanos), an INT32 DATE or a legacy INT96 timestamp is reduced
 * to its UTC day, and a day's ids are looked up once (per dictionary entry, or in a small cache of
 * recent days for plain pages). ISO-8601 text in a string column is read as the CSV path reads it.
 */
final class DateFeed extends ColumnFeed {
  private static final long INVALID = -1;
  private static final long NULL = -2;
  /** Julian day number of 1970-01-01: INT96 timestamps count days from the Julian epoch. */
  private static final long JULIAN_EPOCH_DAY = 2_440_588;
  private static final int CACHE = 64;

  private final CurRun run;
  /** Timestamp units per day for INT64; 1 for INT32 DATE (already days). */
  private final long unitsPerDay;
  private final long[] packed = new long[BATCH];
  private long[] byDictionaryId = new long[0];
  private String[] dictionaryText = new String[0];
  private final long[] cachedDay = new long[CACHE];
  private final long[] cachedIds = new long[CACHE];

  DateFeed(CurRun run, CurField field, String column, PrimitiveTypeName type, long unitsPerDay) {
    super(field, column, type, 0);
    this.run = run;
    this.unitsPerDay = unitsPerDay;
    Arrays.fill(cachedDay, Long.MIN_VALUE);
  }

  @Override
  public void setDictionary(Dictionary dictionary) {
    int n = dictionary.getMaxId() + 1;
    byDictionaryId = new long[n];
    dictionaryText = new String[n];
    for (int d = 0; d < n; d++) {
      pos = 0;
      switch (type) {
        case INT64 -> addLong(dictionary.decodeToLong(d));
        case INT32 -> addInt(dictionary.decodeToInt(d));
        default -> addBinary(dictionary.decodeToBinary(d));
      }
      byDictionaryId[d] = packed[0];
      dictionaryText[d] = invalidText(0);
    }
  }

  @Override
  public void addValueFromDictionary(int dictionaryId) {
    long p = byDictionaryId[dictionaryId];
    packed[pos] = p;
    if (p == INVALID) {
      markInvalid(dictionaryText[dictionaryId]);
    }
  }

  @Override
  int takeIds(int @Nullable [] defs, int defFrom, int maxDef, int[] dictionaryIds, int idFrom, int k) {
    int used = 0;
    for (int i = 0; i < k; i++, pos++) {
      if (defs != null && defs[defFrom + i] != maxDef) {
        packed[pos] = NULL;
      } else {
        addValueFromDictionary(dictionaryIds[idFrom + used++]);
      }
    }
    return used;
  }

  @Override
  public void addLong(long value) {
    packed[pos] = idsOfDay(Math.floorDiv(value, unitsPerDay));
  }

  @Override
  public void addInt(int value) {
    packed[pos] = idsOfDay(value);
  }

  @Override
  public void addBinary(Binary value) {
    if (type == PrimitiveTypeName.INT96) {
      ByteBuffer b = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      // 8 bytes of nanoseconds in the day, then the Julian day number.
      packed[pos] = idsOfDay(b.getInt(b.position() + 8) - JULIAN_EPOCH_DAY);
      return;
    }
    byte[] bytes = value.getBytes();
    long p = run.internDate(bytes, 0, bytes.length);
    packed[pos] = p;
    if (p == INVALID) {
      markInvalid(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private long idsOfDay(long epochDay) {
    int slot = (int) (epochDay & (CACHE - 1));
    if (cachedDay[slot] == epochDay) {
      return cachedIds[slot];
    }
    byte[] iso = LocalDate.ofEpochDay(epochDay).toString().getBytes(StandardCharsets.US_ASCII);
    long p = run.internDate(iso, 0, iso.length);
    cachedDay[slot] = epochDay;
    cachedIds[slot] = p;
    return p;
  }

  @Override
  void addNull() {
    packed[pos] = NULL;
  }

  @Override
  void deliver(CurRun run, int i) {
    long p = packed[i];
    if (p < 0) {
      throw p == NULL
          ? run.invalidValue(column, "", "is empty; a usage start date such as 2025-01-01T00:00:00Z is expected")
          : run.invalidValue(column, invalidText(i), "is not a date such as 2025-01-01T00:00:00Z");
    }
    run.setDate(p);
  }
}
