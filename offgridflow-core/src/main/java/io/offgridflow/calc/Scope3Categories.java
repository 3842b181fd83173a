package io.offgridflow.calc;

/**
 * The GHG Protocol's names of the 15 Scope 3 categories, for tables, charts and reports.
 *
 * <pre>{@code
 * Scope3Categories.name(6);   // "Business travel"
 * }</pre>
 */
public final class Scope3Categories {
  private static final String[] NAMES = {
    "",
    "Purchased goods and services",
    "Capital goods",
    "Fuel- and energy-related activities",
    "Upstream transportation and distribution",
    "Waste generated in operations",
    "Business travel",
    "Employee commuting",
    "Upstream leased assets",
    "Downstream transportation and distribution",
    "Processing of sold products",
    "Use of sold products",
    "End-of-life treatment of sold products",
    "Downstream leased assets",
    "Franchises",
    "Investments"
  };

  private Scope3Categories() {}

  /** The category's name, or {@code "Category N"} outside 1 to 15. */
  public static String name(int category) {
    return category >= 1 && category <= 15 ? NAMES[category] : "Category " + category;
  }
}
