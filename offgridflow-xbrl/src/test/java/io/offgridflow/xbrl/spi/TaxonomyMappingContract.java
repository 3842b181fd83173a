package io.offgridflow.xbrl.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.xbrl.Disclosure;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TaxonomyMapping} must satisfy for the generator and validator to work with it.
 * Extend it with your mapping:
 *
 * <pre>{@code
 * class MyMappingTest extends TaxonomyMappingContract {
 *   protected TaxonomyMapping mapping() { return new MyMapping(); }
 * }
 * }</pre>
 */
public abstract class TaxonomyMappingContract {
  private static final String NC_NAME = "[A-Za-z_][A-Za-z0-9_.-]*";

  protected abstract TaxonomyMapping mapping();

  @Test
  void entryPointAndNamespaceAreAbsoluteUrisAndThePrefixIsAnNcName() {
    TaxonomyMapping m = mapping();
    assertThat(URI.create(m.schemaRef()).isAbsolute()).as(m.schemaRef()).isTrue();
    assertThat(URI.create(m.namespace()).isAbsolute()).as(m.namespace()).isTrue();
    assertThat(m.prefix()).matches(NC_NAME);
    assertThat(m.name()).isNotBlank();
  }

  @Test
  void everyConceptIsAnNcNameInTheTaxonomyNamespaceAndNoneIsUsedTwice() {
    TaxonomyMapping m = mapping();
    Set<QName> seen = new HashSet<>();
    for (ConceptDefinition c : m.concepts()) {
      assertThat(c.name().getLocalPart()).matches(NC_NAME);
      assertThat(c.name().getNamespaceURI()).isEqualTo(m.namespace());
      assertThat(seen.add(c.name())).as("%s mapped twice", c.name()).isTrue();
    }
  }

  @Test
  void emissionsAreGhgEmissionsIntensitiesArePerMonetaryAndTheMethodologyIsATextBlock() {
    TaxonomyMapping m = mapping();
    for (Disclosure d : List.of(Disclosure.GROSS_SCOPE_1, Disclosure.GROSS_SCOPE_2_LOCATION,
        Disclosure.GROSS_SCOPE_2_MARKET, Disclosure.GROSS_SCOPE_3, Disclosure.TOTAL_LOCATION_BASED,
        Disclosure.TOTAL_MARKET_BASED, Disclosure.BIOGENIC_CO2)) {
      m.concept(d).ifPresent(c -> assertThat(c.dataType()).as(d.name()).isEqualTo(DataType.GHG_EMISSIONS));
    }
    for (Disclosure d : List.of(Disclosure.INTENSITY_LOCATION_BASED, Disclosure.INTENSITY_MARKET_BASED)) {
      m.concept(d).ifPresent(c -> assertThat(c.dataType()).as(d.name()).isEqualTo(DataType.GHG_EMISSIONS_PER_MONETARY));
    }
    m.concept(Disclosure.METHODOLOGY).ifPresent(c -> assertThat(c.dataType()).isEqualTo(DataType.TEXT_BLOCK));
  }

  @Test
  void theCategoryAxisHasFifteenDistinctMembersAndOnlyScope3TakesIt() {
    TaxonomyMapping m = mapping();
    m.scope3Categories().ifPresent(axis -> {
      assertThat(axis.members().keySet()).containsExactlyElementsOf(
          java.util.stream.IntStream.rangeClosed(1, 15).boxed().toList());
      assertThat(new HashSet<>(axis.members().values())).hasSize(15);
      for (ConceptDefinition c : m.concepts()) {
        boolean isScope3 = m.concept(Disclosure.GROSS_SCOPE_3).map(s -> s.name().equals(c.name())).orElse(false);
        assertThat(c.axes().contains(axis.axis())).as(c.name().getLocalPart()).isEqualTo(isScope3);
      }
    });
  }

  @Test
  void calculationsSumMappedConceptsIntoAMappedTotalThatIsNotItsOwnItem() {
    TaxonomyMapping m = mapping();
    Set<QName> mapped = new HashSet<>();
    m.concepts().forEach(c -> mapped.add(c.name()));
    for (CalculationRelation r : m.calculations()) {
      assertThat(mapped).contains(r.total());
      assertThat(mapped).containsAll(r.items());
      assertThat(r.items()).doesNotContain(r.total()).doesNotHaveDuplicates();
    }
  }
}
