package io.offgridflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offgridflow.calc.Activity;
import io.offgridflow.calc.ActivityKind;
import io.offgridflow.calc.Calculator;
import io.offgridflow.calc.EmissionResult;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.inventory.Inventory;
import io.offgridflow.inventory.InventoryAccumulator;
import io.offgridflow.units.Money;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CellInventoryTest {
  private static List<EmissionResult> results;

  @BeforeAll
  static void calculate() {
    Calculator calc = Calculator.builder().catalog(FactorCatalog.bundled()).build();
    SplittableRandom r = new SplittableRandom(3);
    String[] sites = {"Portland", "Berlin", "London", ""};
    String[] orgUnits = {"Ops", "", "Sales"};
    results = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      double q = r.nextInt(1, 100_000) / 100.0;
      Activity.Builder b = switch (r.nextInt(4)) {
        case 0 -> Activity.electricity("e" + i, Quantity.of(q, Unit.KWH), r.nextBoolean() ? "US-NWPP" : "GB");
        case 1 -> Activity.stationaryCombustion("g" + i, Quantity.of(q, Unit.THERM), "natural_gas").region("US");
        case 2 -> Activity.spend("s" + i, Money.of(BigDecimal.valueOf(q), Money.currency("USD"), 2023), "541511")
            .region("US");
        default -> Activity.refrigerant("r" + i, Quantity.of(q / 100, Unit.KILOGRAM), "R-410A");
      };
      b.site(sites[r.nextInt(sites.length)]).orgUnit(orgUnits[r.nextInt(orgUnits.length)]);
      if (r.nextBoolean()) {
        // A period of its own String each time, as when it is computed from the year.
        b.period(new String("2024-Q" + (1 + r.nextInt(4))));
      } else {
        b.year(2023 + r.nextInt(2));
      }
      results.add(calc.calculate(b.build()));
    }
  }

  private static Inventory single() {
    InventoryAccumulator acc = Inventory.accumulator();
    results.forEach(acc::add);
    return acc.build();
  }

  @Test
  void givesTheInventoryOfOneAccumulator() {
    CellInventory cells = new CellInventory();
    results.forEach(cells::add);
    Inventory expected = single();
    Inventory actual = cells.build();
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.bySite()).isEqualTo(expected.bySite());
    assertThat(actual.byPeriod()).isEqualTo(expected.byPeriod());
    assertThat(actual.resultCount()).isEqualTo(results.size());
    assertThat(List.copyOf(actual.datasetsUsed())).as("first-use order")
        .isEqualTo(List.copyOf(expected.datasetsUsed()));
  }

  @Test
  void cellsPastTheBoundShareOneAccumulator() {
    CellInventory cells = new CellInventory(3);
    results.forEach(cells::add);
    assertThat(cells.build()).isEqualTo(single());
  }
}
