package io.offgridflow.xbrl;

import io.offgridflow.xbrl.spi.CalculationRelation;
import io.offgridflow.xbrl.spi.CategoryAxis;
import io.offgridflow.xbrl.spi.ConceptDefinition;
import io.offgridflow.xbrl.spi.DataType;
import io.offgridflow.xbrl.spi.TaxonomyMapping;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.namespace.QName;

/**
 * The default {@link TaxonomyMapping}: EFRAG's ESRS Set 1 XBRL taxonomy of 2023-12-22, disclosure
 * requirement E1-6 (gross Scopes 1, 2, 3 and total GHG emissions, intensity per net revenue,
 * biogenic CO2) with the methodology text block. Element names are spelled as the taxonomy spells
 * them (note the lower-case "related", "of" and "based" inside some names).
 *
 * <pre>{@code
 * TaxonomyMapping esrs = new EsrsSet1Taxonomy();
 * esrs.schemaRef();   // https://xbrl.efrag.org/taxonomy/esrs/2023-12-22/esrs_all.xsd
 * }</pre>
 */
public final class EsrsSet1Taxonomy implements TaxonomyMapping {
  /** The taxonomy's namespace. */
  public static final String NAMESPACE = "https://xbrl.efrag.org/taxonomy/esrs/2023-12-22";
  /** The entry point that includes every ESRS concept. */
  public static final String ENTRY_POINT = "https://xbrl.efrag.org/taxonomy/esrs/2023-12-22/esrs_all.xsd";

  private static final String[] CATEGORY_MEMBERS = {
    "",
    "Category1PurchasedGoodsAndServicesMember",
    "Category2CapitalGoodsMember",
    "Category3FuelAndEnergyrelatedActivitiesMember",
    "Category4UpstreamTransportationAndDistributionMember",
    "Category5WasteGeneratedInOperationsMember",
    "Category6BusinessTravelMember",
    "Category7EmployeeCommutingMember",
    "Category8UpstreamLeasedAssetsMember",
    "Category9DownstreamTransportationAndDistributionMember",
    "Category10ProcessingOfSoldProductsMember",
    "Category11UseOfSoldProductsMember",
    "Category12EndoflifeTreatmentOfSoldProductsMember",
    "Category13DownstreamLeasedAssetsMember",
    "Category14FranchisesMember",
    "Category15InvestmentsMember"
  };

  private final Map<Disclosure, ConceptDefinition> concepts = new EnumMap<>(Disclosure.class);
  private final CategoryAxis categories;
  private final List<CalculationRelation> calculations;

  public EsrsSet1Taxonomy() {
    QName axis = q("Scope3GHGEmissionsCategoryGHGProtocolAxis");
    put(Disclosure.GROSS_SCOPE_1, "GrossScope1GreenhouseGasEmissions", DataType.GHG_EMISSIONS);
    put(Disclosure.GROSS_SCOPE_2_LOCATION, "GrossLocationBasedScope2GreenhouseGasEmissions", DataType.GHG_EMISSIONS);
    put(Disclosure.GROSS_SCOPE_2_MARKET, "GrossMarketBasedScope2GreenhouseGasEmissions", DataType.GHG_EMISSIONS);
    concepts.put(Disclosure.GROSS_SCOPE_3,
        new ConceptDefinition(q("GrossScope3GreenhouseGasEmissions"), DataType.GHG_EMISSIONS, Set.of(axis)));
    put(Disclosure.TOTAL_LOCATION_BASED, "LocationBasedGreenhouseGasEmissions", DataType.GHG_EMISSIONS);
    put(Disclosure.TOTAL_MARKET_BASED, "MarketBasedGreenhouseGasEmissions", DataType.GHG_EMISSIONS);
    put(Disclosure.BIOGENIC_CO2,
        "BiogenicEmissionsOfCO2FromCombustionOrBiodegradationOfBiomassNotIncludedInScope1GHGEmissions",
        DataType.GHG_EMISSIONS);
    put(Disclosure.INTENSITY_LOCATION_BASED, "GHGEmissionsIntensityLocationbasedTotalGHGEmissionsPerNetRevenue",
        DataType.GHG_EMISSIONS_PER_MONETARY);
    put(Disclosure.INTENSITY_MARKET_BASED, "GHGEmissionsIntensityMarketbasedTotalGHGEmissionsPerNetRevenue",
        DataType.GHG_EMISSIONS_PER_MONETARY);
    put(Disclosure.METHODOLOGY,
        "DisclosureOfMethodologiesSignificantAssumptionsAndEmissionsFactorsUsedToCalculateOrMeasureGHGEmissionsExplanatory",
        DataType.TEXT_BLOCK);

    TreeMap<Integer, QName> members = new TreeMap<>();
    for (int c = 1; c <= 15; c++) {
      members.put(c, q(CATEGORY_MEMBERS[c]));
    }
    categories = new CategoryAxis(axis, members);

    QName s1 = name(Disclosure.GROSS_SCOPE_1);
    QName s3 = name(Disclosure.GROSS_SCOPE_3);
    calculations = List.of(
        new CalculationRelation(name(Disclosure.TOTAL_LOCATION_BASED),
            List.of(s1, name(Disclosure.GROSS_SCOPE_2_LOCATION), s3)),
        new CalculationRelation(name(Disclosure.TOTAL_MARKET_BASED),
            List.of(s1, name(Disclosure.GROSS_SCOPE_2_MARKET), s3)));
  }

  private static QName q(String localName) {
    return new QName(NAMESPACE, localName, "esrs");
  }

  private void put(Disclosure d, String localName, DataType type) {
    concepts.put(d, new ConceptDefinition(q(localName), type, Set.of()));
  }

  private QName name(Disclosure d) {
    return concepts.get(d).name();
  }

  @Override
  public String name() {
    return "ESRS Set 1 (2023-12-22)";
  }

  @Override
  public String schemaRef() {
    return ENTRY_POINT;
  }

  @Override
  public String namespace() {
    return NAMESPACE;
  }

  @Override
  public String prefix() {
    return "esrs";
  }

  @Override
  public Optional<ConceptDefinition> concept(Disclosure disclosure) {
    return Optional.ofNullable(concepts.get(disclosure));
  }

  @Override
  public Optional<CategoryAxis> scope3Categories() {
    return Optional.of(categories);
  }

  @Override
  public List<CalculationRelation> calculations() {
    return calculations;
  }

  @Override
  public String toString() {
    return name();
  }
}
