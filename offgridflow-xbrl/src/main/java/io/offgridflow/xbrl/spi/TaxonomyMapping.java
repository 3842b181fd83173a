package io.offgridflow.xbrl.spi;

import io.offgridflow.xbrl.Disclosure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which taxonomy a report targets: its entry point, namespace, the concept for each {@link
 * Disclosure}, the Scope 3 category axis and the calculation relationships. The generator and the
 * validator read everything taxonomy-specific from here, so a host targets another taxonomy (VSME,
 * ISSB) by implementing this interface, with no change to them. {@link
 * io.offgridflow.xbrl.EsrsSet1Taxonomy} is the default. Implementations are immutable and
 * thread-safe; run {@code TaxonomyMappingContract} from the test jar against yours.
 *
 * <pre>{@code
 * XbrlReporter reporter = XbrlReporter.builder().taxonomy(new MyVsmeMapping()).build();
 * }</pre>
 */
public interface TaxonomyMapping {
  /** A short human-readable name, e.g. {@code ESRS Set 1 (2023-12-22)}. */
  String name();

  /** The entry-point schema the instance's {@code link:schemaRef} points at. */
  String schemaRef();

  /** The namespace of the taxonomy's concepts. */
  String namespace();

  /** The prefix documents bind {@link #namespace()} to, e.g. {@code esrs}. */
  String prefix();

  /** The concept a disclosure is tagged with; empty when the taxonomy does not carry it. */
  Optional<ConceptDefinition> concept(Disclosure disclosure);

  /** The Scope 3 category breakdown, if the taxonomy has one. */
  Optional<CategoryAxis> scope3Categories();

  /** The summations of the calculation linkbase that a report's facts take part in. */
  List<CalculationRelation> calculations();

  /** Every concept the mapping uses, in {@link Disclosure} order. */
  default List<ConceptDefinition> concepts() {
    List<ConceptDefinition> all = new ArrayList<>();
    for (Disclosure d : Disclosure.values()) {
      concept(d).ifPresent(all::add);
    }
    return all;
  }
}
