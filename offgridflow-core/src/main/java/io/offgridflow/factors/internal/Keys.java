package io.offgridflow.factors.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Subject-key helpers shared by the loaders. */
final class Keys {
  private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
  private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_+|_+$");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private Keys() {}

  /**
   * Lower snake case of a publisher's row name: {@code "Kerosene-Type Jet Fuel"} becomes {@code
   * kerosene_type_jet_fuel}. Punctuation and spaces collapse to one underscore.
   */
  static String snake(String name) {
    String s = NON_ALNUM.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("_");
    return EDGE_UNDERSCORES.matcher(s).replaceAll("");
  }

  /** Short unit token for factor ids, e.g. {@code us_gallon}. */
  static String unitToken(io.offgridflow.units.Unit unit) {
    return unit.name().toLowerCase(Locale.ROOT);
  }

  /** Collapses runs of whitespace (the extracts keep a few double spaces from the spreadsheets). */
  static String tidy(String text) {
    return SPACES.matcher(text.trim()).replaceAll(" ");
  }
}
