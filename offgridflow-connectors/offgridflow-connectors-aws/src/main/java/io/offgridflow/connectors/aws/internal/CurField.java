package io.offgridflow.connectors.aws.internal;

/**
 * The CUR fields the estimate reads, in {@link CurRun}'s slot order. Columnar readers ask
 * {@link CurRun#bindColumns} where each one is in their file and feed values per field.
 *
 * <pre>{@code
 * int[] at = run.bindColumns(columnNames);   // at[CurField.USAGE_TYPE.ordinal()] = column index
 * }</pre>
 */
public enum CurField {
  LINE_ITEM_TYPE(Kind.TEXT),
  USAGE_START_DATE(Kind.DATE),
  USAGE_ACCOUNT_ID(Kind.TEXT),
  PRODUCT_CODE(Kind.TEXT),
  USAGE_TYPE(Kind.TEXT),
  USAGE_AMOUNT(Kind.NUMBER),
  COST(Kind.NUMBER),
  PRICING_UNIT(Kind.TEXT),
  REGION(Kind.TEXT),
  /** Optional: CUR 2.0 keeps vCPUs inside its {@code product} map. */
  VCPU(Kind.TEXT);

  /** How a field's values are fed to the run. */
  public enum Kind {
    /** Interned text: {@link CurRun#intern} once per distinct value, then {@link CurRun#setText} per row. */
    TEXT,
    /** A double: {@link CurRun#setNumber}. */
    NUMBER,
    /** A usage start date: {@link CurRun#internDate} once per distinct day, then {@link CurRun#setDate}. */
    DATE
  }

  private final Kind kind;

  CurField(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
