package io.offgridflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.calc.Activity;
import io.offgridflow.calc.Calculator;
import io.offgridflow.calc.EmissionResult;
import io.offgridflow.calc.MarketInstruments;
import io.offgridflow.calc.Scope;
import io.offgridflow.factors.EmissionFactor;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.factors.FactorCategory;
import io.offgridflow.units.Money;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

class InventoryProperties {
  static FactorCatalog catalog;
  static Calculator calc;
  static List<String> gridRegions;

  @BeforeContainer
  static void load() {
    catalog = FactorCatalog.bundled();
    calc = Calculator.builder().catalog(catalog).build();
    gridRegions = catalog.factors().stream()
        .filter(f -> f.category() == FactorCategory.GRID_ELECTRICITY)
        .map(EmissionFactor::region)
        .distinct()
        .sorted()
        .toList();
  }

  /** A mix of every kind with random amounts, sites and periods. */
  @Provide
  Arbitrary<List<Activity>> activities() {
    Arbitrary<Double> amount = Arbitraries.doubles().between(0, 1e6).ofScale(3);
    Arbitrary<String> site = Arbitraries.of("", "Portland", "Leeds", "Austin");
    Arbitrary<Integer> year = Arbitraries.integers().between(2021, 2024);
    Arbitrary<Integer> shape = Arbitraries.integers().between(0, 8);
    return Combinators.combine(shape, amount, site, year, Arbitraries.strings().alpha().ofLength(6))
        .as(InventoryProperties::activity)
        .list()
        .ofMaxSize(60);
  }

  static Activity activity(int shape, double amount, String site, int year, String id) {
    Activity.Builder b = switch (shape) {
      case 0 -> Activity.electricity(id, Quantity.of(amount, Unit.KWH), "US-NWPP")
          .market(MarketInstruments.builder().certificatesKwh(amount / 3).build());
      case 1 -> Activity.electricity(id, Quantity.of(amount, Unit.KWH), "GB");
      case 2 -> Activity.stationaryCombustion(id, Quantity.of(amount, Unit.THERM), "natural_gas").region("US");
      case 3 -> Activity.mobileFuel(id, Quantity.of(amount, Unit.LITRE), "diesel").region("GB");
      case 4 -> Activity.passengerTravel(id, Quantity.of(amount, Unit.PASSENGER_KM), "air_long_haul_economy")
          .region("GB").radiativeForcing(true);
      case 5 -> Activity.refrigerant(id, Quantity.of(amount / 1000, Unit.KILOGRAM), "R-404A");
      case 6 -> Activity.spend(id, Money.of(amount, "USD", year), "541511");
      case 7 -> Activity.stationaryCombustion(id, Quantity.of(amount / 1000, Unit.SHORT_TON), "wood_and_wood_residuals")
          .region("US");
      default -> Activity.cloud(id, Quantity.of(amount, Unit.KWH), "gcp:europe-west1");
    };
    return b.site(site).year(year).build();
  }

  static List<EmissionResult> calculate(List<Activity> in) {
    List<EmissionResult> out = new ArrayList<>();
    in.forEach(a -> out.add(calc.calculate(a)));
    return out;
  }

  @Property(tries = 200)
  void totalsDoNotDependOnInputOrder(@ForAll("activities") List<Activity> in, @ForAll long seed) {
    List<EmissionResult> results = calculate(in);
    List<EmissionResult> shuffled = new ArrayList<>(results);
    Collections.shuffle(shuffled, new Random(seed));
    assertThat(Inventory.of(shuffled)).isEqualTo(Inventory.of(results));
  }

  @Property(tries = 200)
  void totalsDoNotDependOnHowTheInputIsSplit(
      @ForAll("activities") List<Activity> in, @ForAll @IntRange(min = 0, max = 60) int cut) {
    List<EmissionResult> results = calculate(in);
    int at = Math.min(cut, results.size());
    InventoryAccumulator left = Inventory.accumulator();
    InventoryAccumulator right = Inventory.accumulator();
    results.subList(0, at).forEach(left::add);
    results.subList(at, results.size()).forEach(right::add);
    assertThat(right.merge(left).build()).isEqualTo(Inventory.of(results));
  }

  @Property(tries = 200)
  void scopeTotalsEqualTheExactSumOfTheirResults(@ForAll("activities") List<Activity> in) {
    List<EmissionResult> results = calculate(in);
    Inventory inv = Inventory.of(results);
    for (Scope s : Scope.values()) {
      ExactSum expected = new ExactSum();
      results.stream().filter(r -> r.scope() == s).forEach(r -> expected.add(r.co2eKg()));
      assertThat(inv.totalKg(s)).isEqualTo(expected.value());
    }
    inv.scope3ByCategoryKg().forEach((category, total) -> {
      ExactSum expected = new ExactSum();
      results.stream().filter(r -> r.scope3Category() == category).forEach(r -> expected.add(r.co2eKg()));
      assertThat(total).isEqualTo(expected.value());
    });
    // Each category total is rounded once, so their sum may differ from the scope total by a few ulps.
    double categories = inv.scope3ByCategoryKg().values().stream().mapToDouble(Double::doubleValue).sum();
    assertThat(categories).isCloseTo(inv.totalKg(Scope.SCOPE_3),
        org.assertj.core.api.Assertions.within(Math.ulp(inv.totalKg(Scope.SCOPE_3)) * 32));
    assertThat(inv.resultCount()).isEqualTo(results.size());
  }

  @Provide
  Arbitrary<String> gridRegion() {
    return Arbitraries.of(gridRegions);
  }

  @Property(tries = 300)
  void marketBasedEqualsLocationBasedWhenNoInstrumentApplies(
      @ForAll("gridRegion") String region, @ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 1e9) double kwh) {
    EmissionResult r = calc.calculate(Activity.electricity("m", Quantity.of(kwh, Unit.KWH), region).build());
    assertThat(r.marketCo2eKg()).isEqualTo(r.co2eKg());
    Inventory inv = Inventory.of(List.of(r));
    assertThat(inv.scope2MarketKg()).isEqualTo(inv.scope2LocationKg());
  }

  @Property(tries = 300)
  void certificatesCoveringAllLoadGiveZeroMarketBased(
      @ForAll("gridRegion") String region,
      @ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 1e9) double kwh,
      @ForAll @net.jqwik.api.constraints.DoubleRange(min = 1, max = 3) double coverage) {
    EmissionResult r = calc.calculate(Activity.electricity("c", Quantity.of(kwh, Unit.KWH), region)
        .market(MarketInstruments.builder().certificatesKwh(kwh * coverage).supplierKgPerKwh(0.5).build())
        .build());
    assertThat(r.marketCo2eKg()).isZero();
    assertThat(r.co2eKg()).isGreaterThanOrEqualTo(0);
  }
}
