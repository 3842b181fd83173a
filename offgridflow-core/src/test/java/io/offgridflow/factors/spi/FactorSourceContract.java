package io.offgridflow.factors.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.factors.DatasetInfo;
import io.offgridflow.factors.EmissionFactor;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.factors.GwpSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link FactorSource} must meet: the bundled datasets, the in-memory source
 * and a host's own. Extend it and return your source from {@link #source()}; it ships in the
 * core's test jar ({@code <classifier>tests</classifier>}).
 */
public abstract class FactorSourceContract {

  /** The source under test; may be called more than once. */
  protected abstract FactorSource source();

  @Test
  void everyFactorBelongsToADeclaredDataset() {
    FactorSource s = source();
    Set<String> declared = new HashSet<>();
    s.datasets().forEach(d -> declared.add(d.id()));
    assertThat(s.factors()).allSatisfy(f -> assertThat(declared).contains(f.dataset().id()));
  }

  @Test
  void factorIdsAreUniqueAndPrefixedOrStable() {
    List<EmissionFactor> factors = source().factors();
    Set<String> ids = new HashSet<>();
    assertThat(factors).allSatisfy(f -> assertThat(ids.add(f.id())).as("duplicate id %s", f.id()).isTrue());
  }

  @Test
  void everyFactorHasAFiniteNonNegativeCo2eUnderEveryGwpSet() {
    FactorCatalog gwpSource = FactorCatalog.builder().withoutBundledFactors().build();
    assertThat(source().factors()).allSatisfy(f -> {
      for (GwpSet set : GwpSet.values()) {
        double v = f.co2ePerUnit(gwpSource.gwp(set));
        assertThat(v).as("%s under %s", f.id(), set).isFinite().isGreaterThanOrEqualTo(0);
      }
    });
  }

  @Test
  void everyFactorSaysWhatItIsPerAndHowItWasPublished() {
    assertThat(source().factors()).allSatisfy(f -> {
      assertThat(f.unit().isPresent() || f.currency().isPresent()).isTrue();
      assertThat(f.published()).isNotBlank();
      assertThat(f.name()).isNotBlank();
    });
  }

  @Test
  void datasetsCarryProvenance() {
    assertThat(source().datasets()).allSatisfy((DatasetInfo d) -> {
      assertThat(d.publisher()).isNotBlank();
      assertThat(d.edition()).isNotBlank();
      assertThat(d.licence()).isNotBlank();
    });
  }

  @Test
  void theSourceBuildsACatalogThatResolvesEachOfItsFactors() {
    FactorSource s = source();
    FactorCatalog catalog = FactorCatalog.builder().withoutBundledFactors().addSource(s).build();
    assertThat(catalog.factors()).containsExactlyInAnyOrderElementsOf(s.factors());
    assertThat(s.factors()).allSatisfy(f -> {
      assertThat(catalog.factor(f.id())).contains(f);
      // Pinned to its own dataset, each factor is among the candidates for its own shape.
      assertThat(catalog.candidates(f.category(), f.subject(), f.region(),
              f.unit().map(u -> u.dimension()).orElse(null)))
          .contains(f);
    });
  }
}
