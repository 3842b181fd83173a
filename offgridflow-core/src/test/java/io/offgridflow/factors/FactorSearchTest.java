package io.offgridflow.factors;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.units.Unit;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactorSearchTest {

  @Test
  void dieselInGbPerVolumeFindsDesnzDieselFirst() {
    List<EmissionFactor> hits = Bundled.CATALOG.search(
        FactorQuery.builder().text("diesel").region("GB").unit(Unit.LITRE).build());
    assertThat(hits).isNotEmpty();
    EmissionFactor first = hits.get(0);
    assertThat(first.dataset().id()).isEqualTo("desnz-2024");
    assertThat(first.subject()).isEqualTo("diesel");
    assertThat(first.unit()).contains(Unit.LITRE);
    assertThat(hits).allSatisfy(f -> {
      assertThat(f.region()).isEqualTo("GB");
      assertThat(f.unit().orElseThrow().dimension()).isEqualTo(Unit.LITRE.dimension());
    });
  }

  @Test
  void datasetFilterKeepsOnlyThatDataset() {
    List<EmissionFactor> hits = Bundled.CATALOG.search(
        FactorQuery.builder().text("natural gas").dataset("epa-hub-2025").build());
    assertThat(hits).isNotEmpty().allSatisfy(f -> assertThat(f.dataset().id()).isEqualTo("epa-hub-2025"));
    assertThat(hits).extracting(EmissionFactor::id).contains("epa-hub-2025:stationary:natural_gas:mmbtu");
  }

  @Test
  void categoryFilterKeepsOnlyThatCategory() {
    List<EmissionFactor> hits = Bundled.CATALOG.search(
        FactorQuery.builder().text("diesel").category(FactorCategory.MOBILE_FUEL).limit(200).build());
    assertThat(hits).isNotEmpty().allSatisfy(f -> assertThat(f.category()).isEqualTo(FactorCategory.MOBILE_FUEL));
    assertThat(hits).extracting(EmissionFactor::id)
        .contains("epa-hub-2025:mobile:diesel:us_gallon", "desnz-2024:mobile:diesel:litre")
        .doesNotContain("epa-hub-2025:stationary:diesel:us_gallon");
  }

  @Test
  void unknownWordFindsNothing() {
    assertThat(Bundled.CATALOG.search(FactorQuery.builder().text("diesel zzzqqq").build())).isEmpty();
  }
}
