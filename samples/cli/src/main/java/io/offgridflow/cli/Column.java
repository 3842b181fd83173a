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
  ID("id", true),
  ACTIVITY("activity", true),
  QUANTITY("quantity", true),
  UNIT("unit", true),
  REGION("region", false),
  DATASET("dataset", false),
  YEAR("year", false),
  FUEL("fuel", false),
  MODE("mode", false),
  RF("rf", false),
  GAS("gas", false),
  NAICS("naics", false),
  CERTIFICATES_KWH("certificates_kwh", false),
  SUPPLIER_KG_PER_KWH("supplier_kg_per_kwh", false),
  RESIDUAL_MIX_KG_PER_KWH("residual_mix_kg_per_kwh", false),
  SCOPE3_CATEGORY("scope3_category", false),
  GWP("gwp", false),
  SITE("site", false),
  ORG_UNIT("org_unit", false),
  PERIOD("period", false);

  /** Prefix of user columns that are carried in the file but not read. */
  static final String USER_PREFIX = "x_";

  private static final Map<String, Column> BY_NAME =
      Stream.of(values()).collect(Collectors.toUnmodifiableMap(c -> c.header, Function.identity()));

  private final String header;
  private final boolean required;

  Column(String header, boolean required) {
    this.header = header;
    this.required = required;
  }

  /** The column name as written in a header row. */
  String header() {
    return header;
  }

  boolean required() {
    return required;
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
