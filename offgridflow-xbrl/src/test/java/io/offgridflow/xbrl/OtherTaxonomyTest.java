package io.offgridflow.xbrl;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.xbrl.spi.CalculationRelation;
import io.offgridflow.xbrl.spi.CategoryAxis;
import io.offgridflow.xbrl.spi.ConceptDefinition;
import io.offgridflow.xbrl.spi.DataType;
import io.offgridflow.xbrl.spi.TaxonomyMapping;
import io.offgridflow.xbrl.spi.TaxonomyMappingContract;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/**
 * A host's own taxonomy, smaller than ESRS (no category axis, no intensity, no text block): the
 * generator and validator take it as it is.
 */
class OtherTaxonomyTest extends TaxonomyMappingContract {
  static final String NS = "http://example.com/taxonomy/sme-ghg/2025";

  /** Scopes 1 to 3 and a location-based total only. */
  static final class SmeMapping implements TaxonomyMapping {
    private final Map<Disclosure, ConceptDefinition> concepts = new EnumMap<>(Disclosure.class);

    SmeMapping() {
      put(Disclosure.GROSS_SCOPE_1, "Scope1");
      put(Disclosure.GROSS_SCOPE_2_LOCATION, "Scope2");
      put(Disclosure.GROSS_SCOPE_3, "Scope3");
      put(Disclosure.TOTAL_LOCATION_BASED, "TotalEmissions");
    }

    private void put(Disclosure d, String name) {
      concepts.put(d, new ConceptDefinition(new QName(NS, name, "sme"), DataType.GHG_EMISSIONS, Set.of()));
    }

    @Override
    public String name() {
      return "SME GHG 2025";
    }

    @Override
    public String schemaRef() {
      return "http://example.com/taxonomy/sme-ghg/2025/sme.xsd";
    }

    @Override
    public String namespace() {
      return NS;
    }

    @Override
    public String prefix() {
      return "sme";
    }

    @Override
    public Optional<ConceptDefinition> concept(Disclosure disclosure) {
      return Optional.ofNullable(concepts.get(disclosure));
    }

    @Override
    public Optional<CategoryAxis> scope3Categories() {
      return Optional.empty();
    }

    @Override
    public List<CalculationRelation> calculations() {
      return List.of(new CalculationRelation(concepts.get(Disclosure.TOTAL_LOCATION_BASED).name(),
          List.of(concepts.get(Disclosure.GROSS_SCOPE_1).name(), concepts.get(Disclosure.GROSS_SCOPE_2_LOCATION).name(),
              concepts.get(Disclosure.GROSS_SCOPE_3).name())));
    }
  }

  @Override
  protected TaxonomyMapping mapping() {
    return new SmeMapping();
  }

  @Test
  void theGeneratorWritesExactlyTheMappedDisclosuresInTheHostsNamespace() {
    XbrlReporter reporter = XbrlReporter.builder().taxonomy(new SmeMapping()).build();
    XbrlInstance instance = reporter.toInstance(Fixtures.report());
    assertThat(instance.facts()).extracting(f -> f.concept().getLocalPart())
        .containsExactly("Scope1", "Scope2", "Scope3", "TotalEmissions");
    assertThat(instance.contexts()).hasSize(1);
    assertThat(instance.schemaRef()).isEqualTo("http://example.com/taxonomy/sme-ghg/2025/sme.xsd");
    String xml = new String(Fixtures.xbrl(instance), StandardCharsets.UTF_8);
    assertThat(xml).contains("xmlns:sme=\"" + NS + "\"", "<sme:TotalEmissions").doesNotContain("esrs");
  }

  @Test
  void withoutACategoryAxisScope3IsTheRoundedInventoryTotal() {
    XbrlInstance instance = XbrlReporter.builder().taxonomy(new SmeMapping()).build().toInstance(Fixtures.report());
    Fact.Numeric scope3 = (Fact.Numeric) instance.facts().get(2);
    // 1234.5678 + 750.125 kg = 1984.6928 kg, rounded once to 1.985 t.
    assertThat(scope3.value()).isEqualByComparingTo("1.985");
  }
}
