package io.offgridflow.connectors.aws;

/**
 * Column naming of a CUR file.
 *
 * <pre>{@code
 * CurConnector.builder().file(path).format(CurFormat.CUR2).build();
 * }</pre>
 */
public enum CurFormat {
  /** Detected from the header: {@code lineItem/UsageType} is CUR 1.0, {@code line_item_usage_type} CUR 2.0. */
  AUTO,
  /** CUR 1.0 ({@code lineItem/UsageType}, {@code product/region}, {@code pricing/unit}). */
  CUR1,
  /** CUR 2.0 Data Exports ({@code line_item_usage_type}, {@code product_region_code}, {@code pricing_unit}). */
  CUR2
}
