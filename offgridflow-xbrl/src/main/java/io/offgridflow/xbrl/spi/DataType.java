package io.offgridflow.xbrl.spi;

/**
 * The XBRL data types a GHG report's concepts use, with the unit each takes. The validator checks
 * every fact's unit against its concept's type through the Units Registry.
 *
 * <pre>{@code
 * new ConceptDefinition(name, DataType.GHG_EMISSIONS, Set.of());
 * }</pre>
 */
public enum DataType {
  /** {@code dtr-types:ghgEmissionsItemType}: a unit whose measure is a ghgEmissions unit (tCO2e). */
  GHG_EMISSIONS,
  /** {@code dtr-types:ghgEmissionsPerMonetaryItemType}: tCO2e divided by an ISO 4217 currency. */
  GHG_EMISSIONS_PER_MONETARY,
  /** {@code dtr-types:textBlockItemType}: escaped XHTML, no unit. */
  TEXT_BLOCK;

  public boolean numeric() {
    return this != TEXT_BLOCK;
  }
}
