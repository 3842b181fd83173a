package io.offgridflow.xbrl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offgridflow.calc.Activity;
import io.offgridflow.calc.Method;
import io.offgridflow.calc.Scope;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import java.math.BigDecimal;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class GhgReportTest {
  @Test
  void monthsComeFromPeriodLabelsAndTheRestIsKeptApart() {
    GhgReport r = Fixtures.report();
    assertThat(r.byMonth()).containsOnlyKeys(YearMonth.of(2024, 1), YearMonth.of(2024, 2), YearMonth.of(2024, 3));
    // January: the 720.46 kg electricity and the 636.9 kg gas boiler.
    assertThat(r.byMonth().get(YearMonth.of(2024, 1)).locationBasedTotalKg()).isEqualTo(720.46 + 636.9);
    assertThat(r.notByMonth()).hasValueSatisfying(t -> assertThat(t.scope3Kg()).isEqualTo(1234.5678));
    assertThat(r.inventory().resultCount()).isEqualTo(Fixtures.results().size());
    assertThat(r.resultsWithPublisherGwp()).isEqualTo(1);
    assertThat(r.methods()).containsEntry(Method.LOCATION_BASED, 2L).containsEntry(Method.SPEND_BASED, 1L);
  }

  @Test
  void aResultDatedOutsideThePeriodIsRefusedByName() {
    var late = Fixtures.result(Activity.electricity("late-1", Quantity.of(1, Unit.KWH), "US").period("2025-01").build(),
        Scope.SCOPE_2, 0, Method.LOCATION_BASED, 1, 0, 1.0, Fixtures.provenance("x", "1", "x:1", true));
    assertThatThrownBy(() -> Fixtures.report(b -> b.addResult(late)))
        .isInstanceOfSatisfying(XbrlException.class, e -> assertThat(e.code()).isEqualTo(XbrlErrorCode.INVALID_REPORT))
        .hasMessageContaining("'late-1'").hasMessageContaining("2025-01")
        .hasMessageContaining("2024-01-01/2024-12-31");
    var oldYear = Fixtures.result(Activity.electricity("old-1", Quantity.of(1, Unit.KWH), "US").year(2023).build(),
        Scope.SCOPE_2, 0, Method.LOCATION_BASED, 1, 0, 1.0, Fixtures.provenance("x", "1", "x:1", true));
    assertThatThrownBy(() -> Fixtures.report(b -> b.addResult(oldYear))).hasMessageContaining("'old-1' is dated 2023");
  }

  @Test
  void revenueAndCurrencyAreChecked() {
    assertThatThrownBy(() -> GhgReport.builder().netRevenue(BigDecimal.TEN, "EURO"))
        .hasMessageContaining("'EURO' is not an ISO 4217 code");
    assertThatThrownBy(() -> GhgReport.builder().netRevenue(BigDecimal.ZERO, "EUR"))
        .hasMessageContaining("must be positive");
  }

  @Test
  void entityAndPeriodAreRequired() {
    assertThatThrownBy(() -> GhgReport.builder().period(ReportingPeriod.year(2024)).build())
        .hasMessageContaining("entity identifier");
    assertThatThrownBy(() -> GhgReport.builder().entity(EntityIdentifier.lei(Fixtures.LEI)).build())
        .hasMessageContaining("reporting period");
    assertThatThrownBy(() -> ReportingPeriod.parse("FY24")).hasMessageContaining("'FY24'");
    assertThatThrownBy(() -> ReportingPeriod.parse("2024-12-31/2024-01-01")).hasMessageContaining("before it starts");
  }
}
