package io.offgridflow.xbrl;

/**
 * What a GHG report discloses, independent of any taxonomy. A {@link
 * io.offgridflow.xbrl.spi.TaxonomyMapping} names the concept each one is tagged with; a taxonomy
 * that lacks one leaves it out of the document.
 *
 * <pre>{@code
 * mapping.concept(Disclosure.GROSS_SCOPE_1).map(ConceptDefinition::name);
 * // {https://xbrl.efrag.org/taxonomy/esrs/2023-12-22}GrossScope1GreenhouseGasEmissions
 * }</pre>
 */
public enum Disclosure {
  /** Gross Scope 1 emissions, tCO2e. */
  GROSS_SCOPE_1,
  /** Gross location-based Scope 2 emissions, tCO2e. */
  GROSS_SCOPE_2_LOCATION,
  /** Gross market-based Scope 2 emissions, tCO2e. */
  GROSS_SCOPE_2_MARKET,
  /** Gross Scope 3 emissions, tCO2e; also reported per category where the taxonomy has an axis. */
  GROSS_SCOPE_3,
  /** Total (Scope 1 + location-based Scope 2 + Scope 3), tCO2e. */
  TOTAL_LOCATION_BASED,
  /** Total (Scope 1 + market-based Scope 2 + Scope 3), tCO2e. */
  TOTAL_MARKET_BASED,
  /** Biogenic CO2 from combustion or biodegradation of biomass, outside Scope 1, tCO2e. */
  BIOGENIC_CO2,
  /** Location-based total per net revenue, tCO2e per currency unit. */
  INTENSITY_LOCATION_BASED,
  /** Market-based total per net revenue, tCO2e per currency unit. */
  INTENSITY_MARKET_BASED,
  /** Methodologies, assumptions and emission factors used, as an XHTML text block. */
  METHODOLOGY
}
