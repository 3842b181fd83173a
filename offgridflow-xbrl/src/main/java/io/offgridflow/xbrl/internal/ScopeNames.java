package io.offgridflow.xbrl.internal;

/** The GHG Protocol's names of the 15 Scope 3 categories, for tables and charts. */
public final class ScopeNames {
  private static final String[] CATEGORIES = {
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

  private ScopeNames() {}

  public static String category(int category) {
    return category >= 1 && category <= 15 ? CATEGORIES[category] : "Category " + category;
  }
}
