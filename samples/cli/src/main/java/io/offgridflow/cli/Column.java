package io.offgridflow.cli;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The columns of an activity file. Names are matched case-insensitively after trimming; any other
 * column is an error unless its name starts with {@code x_}, which is the user's own and ignored.
 */
enum Column {
  ID("id", true, false),
  ACTIVITY("activity", true, true),
  QUANTITY("quantity", true, false),
  UNIT("unit", true, true),
  REGION("region", false, true),
  DATASET("dataset", false, true),
  YEAR("year", false, true),
  FUEL("fuel", false, true),
  MODE("mode", false, true),
  RF("rf", false, true),
  GAS("gas", false, true),
  NAICS("naics", false, true),
  CERTIFICATES_KWH("certificates_kwh", false, false),
  SUPPLIER_KG_PER_KWH("supplier_kg_per_kwh", false, true),
  RESIDUAL_MIX_KG_PER_KWH("residual_mix_kg_per_kwh", false, true),
  SCOPE3_CATEGORY("scope3_category", false, true),
  GWP("gwp", false, true),
  SITE("site", false, true),
  ORG_UNIT("org_unit", false, true),
  PERIOD("period", false, true);

  /** Prefix of user columns that are carried in the file but not read. */
  static final String USER_PREFIX = "x_";

  private static final Map<String, Column> BY_NAME =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(c -> c.header, Function.identity()));

  private final String header;
  private final boolean required;
  private final boolean lowCardinality;

  Column(String header, boolean required, boolean lowCardinality) {
    this.header = header;
    this.required = required;
    this.lowCardinality = lowCardinality;
  }

  /** The column name as written in a header row. */
  String header() {
    return header;
  }

  boolean required() {
    return required;
  }

  /**
   * Whether values repeat across rows (activity, unit, region...), so the reader can reuse one
   * String per distinct value instead of allocating one per row.
   */
  boolean lowCardinality() {
    return lowCardinality;
  }

  static @Nullable Column find(String header) {
    return BY_NAME.get(normalize(header));
  }

  static String normalize(String header) {
    return header.trim().toLowerCase(Locale.ROOT);
  }

  static String knownNames() {
    return Stream.of(values()).map(Column::header).collect(Collectors.joining(", "));
  }
}
