package io.offgridflow.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.CoreErrorCode;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.units.Money;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad input fails loudly, naming the activity, the field and the value. */
class CalculatorErrorsTest {
  static Calculator calc;

  @BeforeAll
  static void load() {
    calc = Calculator.builder().build();
  }

  @Test
  void unknownFuelNamesFieldValueAndSuggestsTheNearestKeys() {
    assertThatThrownBy(() -> calc.calculate(
            Activity.stationaryCombustion("x1", Quantity.of(1, Unit.SCF), "natural_gaz").region("US").build()))
        .isInstanceOfSatisfying(FactorNotFoundException.class, e -> {
          assertThat(e.field()).isEqualTo("fuel");
          assertThat(e.value()).isEqualTo("natural_gaz");
          assertThat(e.getMessage()).contains("x1").contains("'natural_gaz'").contains("did you mean natural_gas");
        });
  }

  @Test
  void unknownGridRegionNamesTheRegion() {
    assertThatThrownBy(() -> calc.calculate(
            Activity.electricity("x2", Quantity.of(1, Unit.KWH), "US-NOPE").build()))
        .isInstanceOfSatisfying(FactorNotFoundException.class, e -> {
          assertThat(e.field()).isEqualTo("region");
          assertThat(e.getMessage()).contains("US-NOPE").contains("US-NWPP");
        });
  }

  @Test
  void unknownDatasetListsTheKnownOnes() {
    assertThatThrownBy(() -> calc.calculate(
            Activity.electricity("x3", Quantity.of(1, Unit.KWH), "US-NWPP").dataset("epa-egrid-1999").build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CoreErrorCode.UNKNOWN_DATASET);
          assertThat(e.getMessage()).contains("epa-egrid-1999").contains("epa-egrid-2023");
        });
  }

  @Test
  void fuelEnergyWithoutCalorificBasisIsRejected() {
    assertThatThrownBy(() -> calc.calculate(
            Activity.stationaryCombustion("x4", Quantity.of(1, Unit.KWH), "natural_gas").region("GB").build()))
        .isInstanceOfSatisfying(InvalidActivityException.class, e -> {
          assertThat(e.field()).isEqualTo("unit");
          assertThat(e.getMessage()).contains("kWh_gcv").contains("kWh_ncv");
        });
  }

  @Test
  void wrongDimensionForTheKindIsRejectedAtBuild() {
    assertThatThrownBy(() -> Activity.electricity("x5", Quantity.of(1, Unit.LITRE), "US").build())
        .isInstanceOfSatisfying(InvalidActivityException.class, e -> {
          assertThat(e.field()).isEqualTo("unit");
          assertThat(e.value()).isEqualTo("L");
        });
  }

  @Test
  void naicsCodesMustBeSixAsciiDigits() {
    for (String bad : List.of("54151", "5415111", "54151a", "５４１５１１")) {
      assertThatThrownBy(() -> Activity.spend("x9", Money.of(1, "USD", 2024), bad).build())
          .as(bad)
          .isInstanceOfSatisfying(InvalidActivityException.class, e -> {
            assertThat(e.field()).isEqualTo("naics");
            assertThat(e.value()).isEqualTo(bad);
          });
    }
    assertThat(Activity.spend("x9", Money.of(1, "USD", 2024), "541511").build().naics()).contains("541511");
  }

  @Test
  void negativeQuantitiesAreRejected() {
    assertThatThrownBy(() -> Activity.electricity("x6", Quantity.of(-5, Unit.KWH), "US").build())
        .isInstanceOf(InvalidActivityException.class)
        .hasMessageContaining("-5");
  }

  @Test
  void scope3CategoryOnAScope1ActivityIsRejected() {
    assertThatThrownBy(() -> Activity.refrigerant("x7", Quantity.of(1, Unit.KILOGRAM), "SF6").scope3Category(4).build())
        .isInstanceOfSatisfying(InvalidActivityException.class, e -> assertThat(e.field()).isEqualTo("scope3_category"));
  }

  @Test
  void spendInAnotherCurrencyAsksForConversion() {
    assertThatThrownBy(() -> calc.calculate(Activity.spend("x8", Money.of(100, "EUR", 2022), "541511").build()))
        .isInstanceOfSatisfying(FactorNotFoundException.class, e -> {
          assertThat(e.field()).isEqualTo("unit");
          assertThat(e.getMessage()).contains("EUR").contains("USD");
        });
  }

  @Test
  void spendOutsideTheCpiYearsNamesTheYear() {
    assertThatThrownBy(() -> calc.calculate(Activity.spend("x9", Money.of(100, "USD", 1990), "541511").build()))
        .isInstanceOfSatisfying(InvalidActivityException.class, e -> {
          assertThat(e.field()).isEqualTo("year");
          assertThat(e.value()).isEqualTo("1990");
        });
  }

  @Test
  void radiativeForcingWithEpaIsRefusedNotIgnored() {
    assertThatThrownBy(() -> calc.calculate(Activity.passengerTravel("x10", Quantity.of(100, Unit.PASSENGER_MILE),
            "air_long_haul").region("US").radiativeForcing(true).build()))
        .isInstanceOfSatisfying(FactorNotFoundException.class, e -> {
          assertThat(e.field()).isEqualTo("rf");
          assertThat(e.getMessage()).contains("desnz-2024");
        });
  }

  @Test
  void cloudUsageWithoutAModelSaysWhatToAdd() {
    assertThatThrownBy(() -> calc.calculate(Activity.cloud("x11", Quantity.of(10, Unit.VCPU_HOUR), "gcp:us-central1").build()))
        .isInstanceOfSatisfying(InvalidActivityException.class, e -> assertThat(e.getMessage()).contains("cloudEnergyModel"));
  }

  @Test
  void unknownRefrigerantNamesTheGas() {
    assertThatThrownBy(() -> calc.calculate(Activity.refrigerant("x12", Quantity.of(1, Unit.KILOGRAM), "R-999Z").build()))
        .isInstanceOfSatisfying(FactorNotFoundException.class, e -> assertThat(e.value()).isEqualTo("R-999Z"));
  }

  @Test
  void batchKeepsEveryActivityEitherAsResultOrFailure() {
    List<Activity> batch = List.of(
        Activity.electricity("ok1", Quantity.of(1, Unit.KWH), "US").build(),
        Activity.electricity("bad", Quantity.of(1, Unit.KWH), "XX-NOWHERE").build(),
        Activity.refrigerant("ok2", Quantity.of(1, Unit.KILOGRAM), "SF6").build());
    BatchResult r = calc.calculateAll(batch);
    assertThat(r.results()).extracting(x -> x.activity().id()).containsExactly("ok1", "ok2");
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.index()).isEqualTo(1);
      assertThat(f.activity().id()).isEqualTo("bad");
      assertThat(f.error().code()).isEqualTo(CoreErrorCode.FACTOR_NOT_FOUND);
    });
    assertThat(r.allSucceeded()).isFalse();
  }

  @Test
  void repeatedMissesKeepFailingTheSameWay() {
    Activity bad = Activity.electricity("again", Quantity.of(1, Unit.KWH), "US-NOPE").build();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> calc.calculate(bad)).isInstanceOf(FactorNotFoundException.class).hasMessageContaining("again");
    }
  }
}
