package io.offgridflow.connectors.aws.internal;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.CloudProvider;
import io.offgridflow.cloud.UsageClass;
import io.offgridflow.connectors.aws.CurFormat;
import io.offgridflow.connectors.aws.CurGroup;
import io.offgridflow.connectors.aws.GroupKey;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One sync's state across its files: the record sink of {@link CurTokenizer} that turns each CUR
 * record into a few ints and two doubles without building Strings, the rule cache, and the group sums. Rows are
 * processed as they are parsed, so memory depends on the number of distinct values and groups,
 * not on the number of rows.
 */
public final class CurRun {
  // Field slots: the ordinals of CurField, as ints for the per-row code.
  private static final int LIT = CurField.LINE_ITEM_TYPE.ordinal();
  private static final int DATE = CurField.USAGE_START_DATE.ordinal();
  private static final int ACCOUNT = CurField.USAGE_ACCOUNT_ID.ordinal();
  private static final int PRODUCT = CurField.PRODUCT_CODE.ordinal();
  private static final int USAGE_TYPE = CurField.USAGE_TYPE.ordinal();
  private static final int AMOUNT = CurField.USAGE_AMOUNT.ordinal();
  private static final int COST = CurField.COST.ordinal();
  private static final int UNIT = CurField.PRICING_UNIT.ordinal();
  private static final int REGION = CurField.REGION.ordinal();
  private static final int VCPU = CurField.VCPU.ordinal();
  private static final int SLOTS = CurField.values().length;
  private static final String[][] CUR1 = {
      {"lineItem/LineItemType"}, {"lineItem/UsageStartDate"}, {"lineItem/UsageAccountId"},
      {"lineItem/ProductCode"}, {"lineItem/UsageType"}, {"lineItem/UsageAmount"},
      {"lineItem/BlendedCost", "lineItem/UnblendedCost"}, {"pricing/unit"},
      {"product/region", "product/regionCode"}, {"product/vcpu"}};
  private static final String[][] CUR2 = {
      {"line_item_line_item_type"}, {"line_item_usage_start_date"}, {"line_item_usage_account_id"},
      {"line_item_product_code"}, {"line_item_usage_type"}, {"line_item_usage_amount"},
      {"line_item_blended_cost", "line_item_unblended_cost"}, {"pricing_unit"},
      {"product_region_code", "product_region"}, {"product_vcpu"}};
  // Group key positions.
  private static final int K_CLASS = 0;
  private static final int K_SERVICE = 1;
  private static final int K_REGION = 2;
  private static final int K_ACCOUNT = 3;
  private static final int K_MONTH = 4;
  private static final int K_DAY = 5;
  private static final int K_USAGE = 6;
  private static final int WIDTH = 7;

  private final CcfModel model;
  /**
   * CCF's ratio for unknown usage ({@code ccfQuirks}): all services with the unit, embodied kWh in
   * the numerator, seconds-billed compute left out. Otherwise the same service first, no embodied.
   */
  private final boolean ccfUnknownRatio;
  private final CurRules rules;
  private final CurFormat format;
  private final List<GroupKey> groupBy;
  private final boolean[] grouped = new boolean[WIDTH];
  /**
   * Tag keys grouped by, after the {@link GroupKey}s. Tag i's value id is slot {@code SLOTS + i}
   * (pool, ids) and group key position {@code WIDTH + i}; CUR 2.0's JSON cell is slot
   * {@code SLOTS + tagCount}. With no tags every array is as wide as before and rows take the
   * packed-long path unchanged.
   */
  private final List<String> tagKeys;
  private final int tagCount;
  private final TagCells tagCells;
  /** The file's CUR 2.0 {@code resource_tags} column index, or -1 (CUR 1.0, absent, or no tags asked). */
  private int tagJsonColumn = -1;

  private final BytePool[] pools;
  private final BytePool days = new BytePool();
  private final GroupTable groups;
  private final GroupTable unknown;
  private final LongMap<Rule> ruleByKey = new LongMap<>();
  private final Map<String, Rule> ruleBySlowKey = new HashMap<>();
  private final List<Rule> allRules = new ArrayList<>();
  private double[] gridByRegion = new double[0];
  private int[] daysByMonth = new int[0];

  // Per file.
  private String file = "";
  private boolean headerSeen;
  /** Whether the file is columnar: errors then say "row N" (a data row number) instead of a CSV line. */
  private boolean columnar;
  private List<String> header = new ArrayList<>();
  private int[] slotOfField = new int[0];
  private int requiredFields;

  // Per record.
  private long line;
  private int fieldCount;
  private final int[] ids;
  private int dayId;
  private double amount;
  private double cost;
  private final int[] key;
  private final int[] ukey;

  private long rowsRead;
  private long fileRows;
  private long chars;
  private final Runnable every64k;

  public CurRun(CcfModel model, CurFormat format, List<GroupKey> groupBy, boolean embodied, Runnable every64k) {
    this(model, format, groupBy, List.of(), embodied, every64k);
  }

  /**
   * A run grouping by {@code groupBy} and then by the value of each of {@code tagKeys} (CUR 1.0
   * column {@code resourceTags/<key>}, CUR 2.0 key of the {@code resource_tags} JSON object, as
   * given or in CUR 2.0's normalised spelling). A row without a tag groups under the empty string.
   */
  public CurRun(CcfModel model, CurFormat format, List<GroupKey> groupBy, List<String> tagKeys, boolean embodied,
      Runnable every64k) {
    this.model = model;
    this.ccfUnknownRatio = model.ccfQuirks();
    this.tagKeys = List.copyOf(tagKeys);
    this.tagCount = this.tagKeys.size();
    this.tagCells = new TagCells(this.tagKeys);
    int slots = SLOTS + tagCount + (tagCount == 0 ? 0 : 1);
    this.pools = new BytePool[slots];
    this.ids = new int[slots];
    this.groups = new GroupTable(WIDTH + tagCount);
    this.unknown = new GroupTable(WIDTH + 3 + tagCount);
    this.key = new int[WIDTH + tagCount];
    this.ukey = new int[WIDTH + 3 + tagCount];
    this.rules = new CurRules(model, AwsUsageLists.load(), embodied);
    this.format = format;
    this.groupBy = List.copyOf(groupBy);
    this.every64k = every64k;
    for (GroupKey g : groupBy) {
      grouped[position(g)] = true;
    }
    for (int i = 0; i < slots; i++) {
      pools[i] = new BytePool();
    }
    for (int i = SLOTS; i < SLOTS + tagCount; i++) {
      pools[i].id(new byte[0], 0, 0); // id 0 is "": an empty cell and a missing tag are the same group
    }
  }

  private static int position(GroupKey g) {
    return switch (g) {
      case CLASS -> K_CLASS;
      case SERVICE -> K_SERVICE;
      case REGION -> K_REGION;
      case ACCOUNT -> K_ACCOUNT;
      case MONTH -> K_MONTH;
      case DAY -> K_DAY;
      case USAGE_TYPE -> K_USAGE;
    };
  }

  /** Starts a new file: its first record is read as the header. */
  public void startFile(String name) {
    file = name;
    headerSeen = false;
    columnar = false;
    header = new ArrayList<>();
    fileRows = 0;
  }

  public long rowsRead() {
    return rowsRead;
  }

  public long fileRows() {
    return fileRows;
  }

  /** Bytes of CSV parsed, for throughput figures. */
  public long chars() {
    return chars;
  }

  /** Adds the bytes of a file's CSV text (after inflation) to {@link #chars()}. */
  void countBytes(long n) {
    chars += n;
  }

  /** Whether the file's header has been read. */
  boolean headerSeen() {
    return headerSeen;
  }

  void beginRecord(long startingLineNumber) {
    line = startingLineNumber;
    fieldCount = 0;
    amount = 0;
    cost = 0;
    Arrays.fill(ids, -1);
  }

  /** Whether the tokenizer must hand over field {@code idx} of a data record (else it only skips it). */
  boolean wants(int idx) {
    return !headerSeen || (idx < slotOfField.length && slotOfField[idx] >= 0);
  }

  void addField(byte[] buf, int offset, int len) {
    int idx = fieldCount++;
    if (!headerSeen) {
      String name = new String(buf, offset, len, StandardCharsets.UTF_8).trim();
      header.add(idx == 0 && name.startsWith("\uFEFF") ? name.substring(1) : name);
      return;
    }
    if (idx >= slotOfField.length) {
      return;
    }
    int slot = slotOfField[idx];
    if (slot < 0) {
      return;
    }
    if (slot == AMOUNT || slot == COST) {
      double v = Numbers.parse(buf, offset, len);
      if (Double.isNaN(v)) {
        throw bad(idx, new String(buf, offset, len, StandardCharsets.UTF_8), "is not a number");
      }
      if (slot == AMOUNT) {
        amount = v;
      } else {
        cost = v;
      }
    } else if (slot == DATE) {
      if (len < 10) {
        if (len == 0) {
          throw bad(idx, "", "is empty; a usage start date such as 2025-01-01T00:00:00Z is expected");
        }
        throw bad(idx, new String(buf, offset, len, StandardCharsets.UTF_8), "is not a date such as 2025-01-01T00:00:00Z");
      }
      ids[DATE] = pools[DATE].id(buf, offset, 7);
      if (grouped[K_DAY]) {
        dayId = days.id(buf, offset, 10);
      }
    } else {
      ids[slot] = pools[slot].id(buf, offset, len);
    }
  }

  private OffGridFlowException bad(int field, String value, String what) {
    return new OffGridFlowException(CloudErrorCode.INVALID_BILL, file + ":" + line + ": column "
        + header.get(field) + " (" + (field + 1) + "): value '" + value + "' " + what);
  }

  /** Where the current record is, for messages: {@code file:line} for CSV, {@code file: row n} for columnar files. */
  private String where() {
    return columnar ? file + ": row " + line : file + ":" + line;
  }

  // ---- Columnar files (Parquet): the same per-row work, fed typed values instead of CSV text. ----

  /**
   * Binds a columnar file's top-level column names as its header (format detection and required
   * columns exactly as for a CSV header) and returns, per {@link CurField} ordinal, the index of
   * the column in {@code columnNames}, or -1 for an optional field the file lacks.
   *
   * @throws OffGridFlowException naming the file and the missing column
   */
  public int[] bindColumns(List<String> columnNames) {
    if (tagCount != 0) {
      // This entry cannot carry tags: a reader that calls it would leave every row untagged.
      throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, file + ": grouping by tags ("
          + String.join(", ", tagKeys) + ") needs a columnar reader that reads tags (bindColumnsAndTags);"
          + " this one does not (Parquet: use offgridflow-connectors-aws-parquet's ParquetCurReader)");
    }
    return bind(columnNames);
  }

  /**
   * Where a columnar file keeps the fields and the requested tags.
   *
   * @param fields per {@link CurField} ordinal, the column index or -1 (as {@link #bindColumns})
   * @param tagMap the index of the CUR 2.0 {@code resource_tags} column (a map of tag key to value),
   *     or -1 when the file has none or no tags are asked for
   * @param tagColumns per requested tag (see {@link #tagCount()}), the index of a text column holding
   *     that tag's value, or -1: CUR 1.0 {@code resourceTags/<key>}, or the name AWS gives it in the
   *     CUR 1.0 Parquet for Athena, {@code resource_tags_<key in CUR 2.0 spelling>}
   *     ({@code resource_tags_user_team}); only looked for when there is no {@code tagMap}
   */
  public record ColumnarBinding(int[] fields, int tagMap, int[] tagColumns) {}

  /**
   * {@link #bindColumns} for a reader that also feeds the tags the run groups by: for every row, it
   * sets each tag with {@link #setTag} (0 when the row does not have it).
   */
  public ColumnarBinding bindColumnsAndTags(List<String> columnNames) {
    int[] fields = bind(columnNames);
    int map = tagJsonColumn;
    // Columnar tags arrive as value ids (setTag), never as JSON text to parse.
    tagJsonColumn = -1;
    int[] columns = new int[tagCount];
    Arrays.fill(columns, -1);
    if (map < 0) {
      for (int i = 0; i < tagCount; i++) {
        int at = header.indexOf("resourceTags/" + tagKeys.get(i));
        if (at < 0) {
          at = header.indexOf("resource_tags_" + TagCells.normalise(tagKeys.get(i)));
        }
        columns[i] = at;
      }
    }
    return new ColumnarBinding(fields, map, columns);
  }

  private int[] bind(List<String> columnNames) {
    columnar = true;
    header = new ArrayList<>(columnNames);
    line = 0;
    Arrays.fill(ids, -1);
    amount = 0;
    cost = 0;
    bindHeader();
    int[] at = new int[SLOTS];
    Arrays.fill(at, -1);
    for (int i = 0; i < slotOfField.length; i++) {
      if (slotOfField[i] >= 0 && slotOfField[i] < SLOTS) {
        at[slotOfField[i]] = i;
      }
    }
    return at;
  }

  /** The number of tag keys the run groups by; tag {@code i} is the i-th of the list it was built with. */
  public int tagCount() {
    return tagCount;
  }

  /**
   * How a tag map's key ({@code utf8[offset..offset+len)}) matches requested tag {@code tag}: 2 as
   * given, 1 in CUR 2.0's normalised spelling ({@code user:Team} as {@code user_team}), 0 not at
   * all. Of a row's entries, the one with the highest level gives the tag's value (the last one
   * among equals), which is the choice the CSV path makes in a {@code resource_tags} JSON cell.
   */
  public int tagKeyLevel(int tag, byte[] utf8, int offset, int len) {
    return tagCells.level(tag, utf8, offset, len);
  }

  /** The id of a value of tag {@code tag} (UTF-8 bytes), for {@link #setTag}; the empty value is id 0 (no tag). */
  public int internTag(int tag, byte[] utf8, int offset, int len) {
    return pools[SLOTS + tag].id(utf8, offset, len);
  }

  /** Sets the current columnar row's value of tag {@code tag} to an id from {@link #internTag}; 0: the row has no such tag. */
  public void setTag(int tag, int id) {
    ids[SLOTS + tag] = id;
  }

  /** The id of a text value of {@code field} (UTF-8 bytes), to pass to {@link #setText} for every row holding it. */
  public int intern(CurField field, byte[] utf8, int offset, int len) {
    return pools[field.ordinal()].id(utf8, offset, len);
  }

  /**
   * The ids of the usage start date whose ISO-8601 text starts at {@code offset} (at least
   * {@code yyyy-MM-dd}), packed for {@link #setDate}; -1 when the text is shorter than a date. A
   * columnar reader calls this once per distinct day, not per row.
   */
  public long internDate(byte[] ascii, int offset, int len) {
    if (len < 10) {
      return -1;
    }
    int month = pools[DATE].id(ascii, offset, 7);
    int day = grouped[K_DAY] ? days.id(ascii, offset, 10) : 0;
    return ((long) month << 32) | day;
  }

  /** Starts a columnar row; {@code rowNumber} (1-based within the file) is what errors name. */
  public void beginRow(long rowNumber) {
    // No reset of the ids: the reader sets every bound field of every row, and fields the file
    // lacks stay -1 from bindColumns.
    line = rowNumber;
  }

  /** Sets a text field of the current row to an id from {@link #intern}. */
  public void setText(CurField field, int id) {
    ids[field.ordinal()] = id;
  }

  /** Sets the current row's usage start date to ids from {@link #internDate}. */
  public void setDate(long packedIds) {
    ids[DATE] = (int) (packedIds >>> 32);
    dayId = (int) packedIds;
  }

  /** Sets a number field ({@link CurField#USAGE_AMOUNT} or {@link CurField#COST}) of the current row. */
  public void setNumber(CurField field, double value) {
    if (field == CurField.USAGE_AMOUNT) {
      amount = value;
    } else if (field == CurField.COST) {
      cost = value;
    } else {
      throw new IllegalArgumentException(field + " is not a number field");
    }
  }

  /** Classifies and sums the current columnar row. */
  public void endRow() {
    row();
  }

  /**
   * An invalid-bill error for the current columnar row: names the file, the row, the column and
   * the value.
   */
  public OffGridFlowException invalidValue(String column, String value, String what) {
    return new OffGridFlowException(CloudErrorCode.INVALID_BILL, where() + ": column " + column + ": value '"
        + value + "' " + what);
  }

  /** Skips a field the run does not need (keeps the field count right). */
  void skipField() {
    fieldCount++;
  }

  void endRecord() {
    if (!headerSeen) {
      bindHeader();
      return;
    }
    if (fieldCount < requiredFields) {
      throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, file + ":" + line + ": row has " + fieldCount
          + " fields, the header has " + header.size() + " (a truncated or corrupt file?)");
    }
    row();
  }

  private void bindHeader() {
    headerSeen = true;
    CurFormat f = format;
    if (f == CurFormat.AUTO) {
      if (header.contains("lineItem/UsageType")) {
        f = CurFormat.CUR1;
      } else if (header.contains("line_item_usage_type")) {
        f = CurFormat.CUR2;
      } else {
        throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, (columnar ? file : where())
            + ": not a CUR: the " + (columnar ? "schema" : "header") + " has neither lineItem/UsageType (CUR 1.0) nor line_item_usage_type (CUR 2.0)");
      }
    }
    String[][] names = f == CurFormat.CUR1 ? CUR1 : CUR2;
    slotOfField = new int[header.size()];
    Arrays.fill(slotOfField, -1);
    requiredFields = 0;
    for (int s = 0; s < SLOTS; s++) {
      int at = -1;
      for (String n : names[s]) {
        at = header.indexOf(n);
        if (at >= 0) {
          break;
        }
      }
      if (at < 0) {
        if (s == VCPU) {
          continue; // optional: CUR 2.0 keeps it inside the product map
        }
        throw new OffGridFlowException(CloudErrorCode.UNSUPPORTED_BILL_FORMAT, (columnar ? file : where()) + ": "
            + f + (columnar ? " schema" : " header") + " lacks column " + String.join(" or ", names[s])
            + (format == CurFormat.AUTO ? "" : " (is --format right?)"));
      }
      slotOfField[at] = s;
      requiredFields = Math.max(requiredFields, at + 1);
    }
    bindTags(f);
  }

  /**
   * Binds the requested tags' columns. A missing one is not an error: the file then has no row
   * with that tag (CUR 1.0 has a column only for tags activated and present in the period).
   * Tag columns are not required fields: a short row simply has no tag.
   */
  private void bindTags(CurFormat f) {
    tagJsonColumn = -1;
    if (tagCount == 0) {
      return;
    }
    if (f == CurFormat.CUR1) {
      for (int i = 0; i < tagCount; i++) {
        int at = header.indexOf("resourceTags/" + tagKeys.get(i));
        if (at >= 0 && slotOfField[at] < 0) {
          slotOfField[at] = SLOTS + i;
        }
      }
    } else {
      int at = header.indexOf("resource_tags");
      if (at >= 0 && slotOfField[at] < 0) {
        slotOfField[at] = SLOTS + tagCount;
        tagJsonColumn = at;
      }
    }
  }

  /** Puts the current row's tag value ids at key positions {@code WIDTH..}; -1 for no tag. */
  private void tagKey(int[] k) {
    if (tagJsonColumn >= 0) {
      int cell = ids[SLOTS + tagCount];
      int[] v;
      if (cell < 0) {
        v = null; // a short row: no tags
      } else {
        try {
          v = tagCells.values(cell, pools[SLOTS + tagCount], pools, SLOTS);
        } catch (IllegalArgumentException e) {
          throw bad(tagJsonColumn, pools[SLOTS + tagCount].value(cell), e.getMessage());
        }
      }
      for (int i = 0; i < tagCount; i++) {
        int id = v == null ? 0 : v[i];
        k[WIDTH + i] = id == 0 ? -1 : id;
      }
    } else {
      for (int i = 0; i < tagCount; i++) {
        int id = ids[SLOTS + i];
        k[WIDTH + i] = id <= 0 ? -1 : id; // -1: no column or short row; 0: empty cell
      }
    }
  }

  private void row() {
    rowsRead++;
    fileRows++;
    if ((rowsRead & 0xFFFF) == 0) {
      every64k.run();
    }
    Rule r = rule();
    r.rows++;
    int[] k = key;
    k[K_CLASS] = -1;
    k[K_SERVICE] = grouped[K_SERVICE] ? ids[PRODUCT] : -1;
    k[K_REGION] = grouped[K_REGION] ? ids[REGION] : -1;
    k[K_ACCOUNT] = grouped[K_ACCOUNT] ? ids[ACCOUNT] : -1;
    k[K_MONTH] = grouped[K_MONTH] ? ids[DATE] : -1;
    k[K_DAY] = grouped[K_DAY] ? dayId : -1;
    k[K_USAGE] = grouped[K_USAGE] ? ids[USAGE_TYPE] : -1;
    if (tagCount == 0) {
      packedKey = pack(k);
    } else {
      // Tags do not fit the packed long: such runs take the int-key path (the same groups, slower lookup).
      tagKey(k);
      packedKey = NOT_PACKED;
    }
    UsageClass c = r.primary;
    switch (c) {
      case COMPUTE, STORAGE, NETWORKING -> {
        double kwh = amount * r.kwhPerUnit;
        if (r.perDayOfMonth) {
          kwh *= daysInMonth(ids[DATE]);
        }
        double mem = amount * r.memoryKwhPerUnit;
        double grid = grid(ids[REGION]);
        r.knownKwh += kwh + mem;
        r.knownCost += cost;
        add(c, kwh, kwh * grid, 1);
        if (mem != 0) {
          add(UsageClass.MEMORY, mem, mem * grid, grouped[K_CLASS] ? 1 : 0);
        }
        if (r.embodiedKgPerUnit != 0) {
          double kg = amount * r.embodiedKgPerUnit;
          add(UsageClass.EMBODIED, 0, kg, grouped[K_CLASS] ? 1 : 0);
          if (ccfUnknownRatio && grid > 0) {
            // CCF turns embodied CO2e back into kWh with the region's factor and counts it in the
            // row's kWh, which feeds its kWh-per-cost ratio for unknown usage.
            r.knownKwh += kg / grid;
          }
        }
      }
      case UNKNOWN -> {
        System.arraycopy(key, 0, ukey, 0, WIDTH);
        ukey[K_CLASS] = grouped[K_CLASS] ? UsageClass.UNKNOWN.ordinal() : -1;
        ukey[WIDTH] = ids[PRODUCT];
        ukey[WIDTH + 1] = ids[UNIT];
        ukey[WIDTH + 2] = ids[REGION];
        if (tagCount != 0) {
          System.arraycopy(key, WIDTH, ukey, WIDTH + 3, tagCount);
        }
        unknown.add(ukey, cost, 0, 1);
      }
      default -> add(c, 0, 0, 1);
    }
  }

  // Bits per group key position in the packed long (class first): 4+10+8+12+8+10+12 = 64. A row with
  // an id + 1 that does not fit takes the int-key path (the same groups, a slower lookup).
  private static final int[] PACK_BITS = {4, 10, 8, 12, 8, 10, 12};
  private static final long NOT_PACKED = -1;
  /** The current row's key without its class, packed; or {@link #NOT_PACKED}. */
  private long packedKey;

  private static long pack(int[] k) {
    long p = 0;
    for (int i = WIDTH - 1; i >= 1; i--) {
      int v = k[i] + 1;
      if (v >>> PACK_BITS[i] != 0) {
        return NOT_PACKED;
      }
      p = (p << PACK_BITS[i]) | v;
    }
    return p << PACK_BITS[0];
  }

  private void add(UsageClass c, double kwh, double co2e, long n) {
    int cls = grouped[K_CLASS] ? c.ordinal() : -1;
    key[K_CLASS] = cls;
    if (packedKey != NOT_PACKED) {
      groups.add(packedKey | (cls + 1), key, kwh, co2e, n);
    } else {
      groups.add(key, kwh, co2e, n);
    }
  }

  private Rule rule() {
    int lit = ids[LIT];
    int product = ids[PRODUCT];
    int usage = ids[USAGE_TYPE];
    int unit = ids[UNIT];
    int vcpu = ids[VCPU] + 1; // -1 when the column is absent
    if (lit < (1 << 6) && product < (1 << 14) && usage < (1 << 24) && unit < (1 << 10) && vcpu < (1 << 10)) {
      long k = ((long) usage << 40) | ((long) product << 26) | ((long) unit << 16) | ((long) lit << 10) | vcpu;
      Rule r = ruleByKey.get(k);
      if (r == null) {
        r = newRule();
        ruleByKey.put(k, r);
      }
      return r;
    }
    String slow = lit + "|" + product + "|" + usage + "|" + unit + "|" + vcpu;
    return ruleBySlowKey.computeIfAbsent(slow, s -> newRule());
  }

  private Rule newRule() {
    Rule r = rules.build(text(LIT), text(PRODUCT), text(USAGE_TYPE), text(UNIT), text(VCPU), ids[PRODUCT], ids[UNIT]);
    allRules.add(r);
    return r;
  }

  private String text(int slot) {
    return ids[slot] < 0 ? "" : pools[slot].value(ids[slot]);
  }

  private double grid(int regionId) {
    if (regionId >= gridByRegion.length) {
      int old = gridByRegion.length;
      gridByRegion = Arrays.copyOf(gridByRegion, Math.max(regionId + 1, old * 2));
      Arrays.fill(gridByRegion, old, gridByRegion.length, Double.NaN);
    }
    double g = gridByRegion[regionId];
    if (Double.isNaN(g)) {
      g = model.gridKgPerKwh(CloudProvider.AWS, pools[REGION].value(regionId));
      gridByRegion[regionId] = g;
    }
    return g;
  }

  private int daysInMonth(int monthId) {
    if (monthId >= daysByMonth.length) {
      daysByMonth = Arrays.copyOf(daysByMonth, Math.max(monthId + 1, daysByMonth.length * 2));
    }
    int d = daysByMonth[monthId];
    if (d == 0) {
      String ym = pools[DATE].value(monthId);
      try {
        d = YearMonth.parse(ym).lengthOfMonth();
      } catch (DateTimeException e) {
        throw new OffGridFlowException(CloudErrorCode.INVALID_BILL, where()
            + ": usage start date begins '" + ym + "', not a year-month such as 2025-01");
      }
      daysByMonth[monthId] = d;
    }
    return d;
  }

  /** Row counts by class and reason, over every file of the run. */
  public Map<String, Long> reasons() {
    Map<String, Long> out = new TreeMap<>();
    for (Rule r : allRules) {
      if (r.rows > 0) {
        out.merge(r.reason, r.rows, Long::sum);
      }
    }
    return out;
  }

  /** Rows per primary class. */
  public long rows(UsageClass c) {
    long n = 0;
    for (Rule r : allRules) {
      if (r.primary == c) {
        n += r.rows;
      }
    }
    return n;
  }

  /**
   * Estimates the unknown rows from the kWh per cost of the known rows and returns every group.
   * By default the ratio is that of the known rows with the same service and unit, else the same
   * unit, kWh without embodied emissions (they are CO2e, not energy). With {@code ccfQuirks} it is
   * what CCF's CUR path computes: the same unit across all services (CCF's
   * {@code getEstimateForUnknownUsage} passes no service to its estimator), with embodied CO2e
   * converted to kWh in the numerator and seconds-billed compute left out.
   */
  public List<CurGroup> finish() {
    Map<Long, double[]> byServiceUnit = new HashMap<>();
    Map<Integer, double[]> byUnit = new HashMap<>();
    for (Rule r : allRules) {
      if (r.estimated() && r.rows > 0 && r.inUnknownRatio) {
        double[] su = byServiceUnit.computeIfAbsent(((long) r.serviceId << 32) | (r.unitId & 0xffffffffL), k -> new double[2]);
        su[0] += r.knownKwh;
        su[1] += r.knownCost;
        double[] u = byUnit.computeIfAbsent(r.unitId, k -> new double[2]);
        u[0] += r.knownKwh;
        u[1] += r.knownCost;
      }
    }
    GroupTable all = groups;
    for (int s = 0; s < unknown.capacity(); s++) {
      if (!unknown.used(s)) {
        continue;
      }
      int service = unknown.key(s, WIDTH);
      int unit = unknown.key(s, WIDTH + 1);
      int region = unknown.key(s, WIDTH + 2);
      double[] ratio = ccfUnknownRatio ? null : byServiceUnit.get(((long) service << 32) | (unit & 0xffffffffL));
      if (ratio == null || ratio[1] == 0) {
        ratio = byUnit.get(unit);
      }
      double kwh = ratio == null || ratio[1] == 0 ? 0 : ratio[0] / ratio[1] * unknown.a[s];
      double co2e = region < 0 ? kwh * model.gridKgPerKwh(CloudProvider.AWS, "") : kwh * grid(region);
      for (int k = 0; k < WIDTH; k++) {
        key[k] = unknown.key(s, k);
      }
      for (int t = 0; t < tagCount; t++) {
        key[WIDTH + t] = unknown.key(s, WIDTH + 3 + t);
      }
      all.add(key, kwh, co2e, unknown.count[s]);
    }
    List<CurGroup> out = new ArrayList<>();
    for (int s = 0; s < all.capacity(); s++) {
      if (!all.used(s)) {
        continue;
      }
      List<String> values = new ArrayList<>(groupBy.size());
      for (GroupKey g : groupBy) {
        int id = all.key(s, position(g));
        values.add(switch (g) {
          case CLASS -> UsageClass.values()[id].key();
          case SERVICE -> name(PRODUCT, id);
          case REGION -> name(REGION, id);
          case ACCOUNT -> name(ACCOUNT, id);
          case MONTH -> name(DATE, id);
          case DAY -> id < 0 ? "" : days.value(id);
          case USAGE_TYPE -> name(USAGE_TYPE, id);
        });
      }
      List<String> tags = new ArrayList<>(tagCount);
      for (int t = 0; t < tagCount; t++) {
        int id = all.key(s, WIDTH + t);
        tags.add(id < 0 ? "" : pools[SLOTS + t].value(id));
      }
      out.add(new CurGroup(values, tags, all.a[s], all.b[s], all.count[s]));
    }
    out.sort((x, y) -> {
      int c = compare(x.key(), y.key());
      return c != 0 ? c : compare(x.tags(), y.tags());
    });
    return out;
  }

  private static int compare(List<String> x, List<String> y) {
    for (int i = 0; i < x.size(); i++) {
      int c = x.get(i).compareTo(y.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private String name(int slot, int id) {
    return id < 0 ? "" : pools[slot].value(id);
  }
}
