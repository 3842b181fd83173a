package io.offgridflow.xbrl;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.xbrl.spi.ConceptDefinition;
import io.offgridflow.xbrl.spi.TaxonomyMapping;
import io.offgridflow.xbrl.spi.TaxonomyMappingContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EsrsSet1TaxonomyTest extends TaxonomyMappingContract {
  @Override
  protected TaxonomyMapping mapping() {
    return new EsrsSet1Taxonomy();
  }

  @Test
  void namesAreSpelledAsTheIssueQuotesTheTaxonomy() {
    TaxonomyMapping m = mapping();
    assertThat(m.concept(Disclosure.INTENSITY_MARKET_BASED).orElseThrow().name().getLocalPart())
        .isEqualTo("GHGEmissionsIntensityMarketbasedTotalGHGEmissionsPerNetRevenue");
    assertThat(m.scope3Categories().orElseThrow().member(3).getLocalPart())
        .isEqualTo("Category3FuelAndEnergyrelatedActivitiesMember");
    assertThat(m.scope3Categories().orElseThrow().member(12).getLocalPart())
        .isEqualTo("Category12EndoflifeTreatmentOfSoldProductsMember");
    assertThat(m.schemaRef()).isEqualTo("https://xbrl.efrag.org/taxonomy/esrs/2023-12-22/esrs_all.xsd");
  }

  /** The test schema stands in for EFRAG's: it must declare exactly what the mapping uses. */
  @Test
  void theTestTaxonomySchemaDeclaresEveryMappedConceptAndMember() throws Exception {
    String xsd = Files.readString(Path.of("src/test/resources/esrs-test/esrs_all.xsd"));
    TaxonomyMapping m = mapping();
    for (ConceptDefinition c : m.concepts()) {
      assertThat(xsd).contains("name=\"" + c.name().getLocalPart() + "\"");
    }
    m.scope3Categories().orElseThrow().members().values()
        .forEach(q -> assertThat(xsd).contains("name=\"" + q.getLocalPart() + "\""));
    assertThat(Arrays.stream(xsd.split("substitutionGroup=\"xbrli:item\"")).count() - 1)
        .isEqualTo(m.concepts().size() + 15);
  }
}
