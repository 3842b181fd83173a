package io.offgridflow.connectors.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.gcp.fixtures.BillingExportFixture;
import io.offgridflow.connectors.gcp.fixtures.CarbonFootprintFixture;
import io.offgridflow.connectors.gcp.fixtures.ExportTableFixture;
import io.offgridflow.connectors.gcp.fixtures.FakeBigQuery;
import io.offgridflow.connectors.gcp.internal.BillingRow;
import io.offgridflow.connectors.gcp.internal.BillingRules;
import io.offgridflow.connectors.gcp.internal.BillingRun;
import io.offgridflow.connectors.gcp.internal.GroupKeys;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Invariants of the GCP connectors over generated exports. */
class GcpProperties {
  private static final LocalDate DAY = LocalDate.of(2025, 5, 1);
  private static final BillingRules RULES = new BillingRules(CcfModel.builder().build());
  private static final List<GcpGroupKey> ALL_KEYS = List.of(GcpGroupKey.CLASS, GcpGroupKey.SERVICE,
      GcpGroupKey.REGION, GcpGroupKey.PROJECT, GcpGroupKey.DAY);
  private static FakeBigQuery fake;

  @BeforeContainer
  static void start() {
    fake = new FakeBigQuery(CarbonFootprintFixture.table());
  }

  @AfterContainer
  static void stop() {
    fake.close();
  }

  private static BillingRow toRow(Map<String, String> r) {
    return new BillingRow(LocalDate.parse(r.get("usage_day")), r.get("project_id"), r.get("service_description"),
        r.get("sku_description"), Double.parseDouble(r.get("usage_amount")), orEmpty(r.get("usage_unit")),
        GroupKeys.region(orEmpty(r.get("location_region")), orEmpty(r.get("location_location"))),
        Double.parseDouble(r.get("cost")), r.get("cost_type"), orEmpty(r.get("machine_spec")));
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  private static BillingRun.Outcome run(List<Map<String, String>> rows) {
    BillingRun run = new BillingRun(RULES, ALL_KEYS);
    rows.forEach(r -> run.add(toRow(r)));
    return run.finish();
  }

  @Property(tries = 60)
  void rowAccountingBalancesAndEveryRowLandsInExactlyOneClassGroup(@ForAll long seed,
      @ForAll @IntRange(min = 0, max = 400) int n, @ForAll @IntRange(min = 1, max = 5) int days) {
    List<Map<String, String>> rows = BillingExportFixture.generate(seed, n, DAY, days);
    BillingRun.Outcome o = run(rows);

    RowAccounting a = o.accounting();
    assertThat(a.read()).isEqualTo(n);
    assertThat(a.estimated() + a.unknown() + a.unsupported() + a.ignored()).isEqualTo(n);
    long nonEstimatedWithReason = a.reasons().values().stream().mapToLong(Long::longValue).sum();
    assertThat(nonEstimatedWithReason).isEqualTo(a.unknown() + a.unsupported() + a.ignored());
    // Embodied groups repeat compute rows; every other group holds each row once.
    long rowsInGroups = o.groups().stream().filter(g -> !g.key().get(0).equals("embodied"))
        .mapToLong(BillingGroup::rows).sum();
    assertThat(rowsInGroups).isEqualTo(n);
  }

  @Property(tries = 40)
  void totalsDoNotDependOnRowOrder(@ForAll long seed, @ForAll long shuffleSeed,
      @ForAll @IntRange(min = 1, max = 300) int n) {
    List<Map<String, String>> rows = BillingExportFixture.generate(seed, n, DAY, 3);
    List<Map<String, String>> shuffled = new ArrayList<>(rows);
    Collections.shuffle(shuffled, new Random(shuffleSeed));

    BillingRun.Outcome a = run(rows);
    BillingRun.Outcome b = run(shuffled);
    assertThat(b.accounting()).isEqualTo(a.accounting());
    assertThat(b.groups()).hasSameSizeAs(a.groups());
    for (int i = 0; i < a.groups().size(); i++) {
      BillingGroup x = a.groups().get(i);
      BillingGroup y = b.groups().get(i);
      assertThat(y.key()).isEqualTo(x.key());
      assertThat(y.rows()).isEqualTo(x.rows());
      // Sums in another order differ only by floating-point rounding.
      assertThat(y.kwh()).isCloseTo(x.kwh(), within(1e-9 * Math.max(1, Math.abs(x.kwh()))));
      assertThat(y.co2eKg()).isCloseTo(x.co2eKg(), within(1e-9 * Math.max(1, Math.abs(x.co2eKg()))));
    }
  }

  @Property(tries = 12)
  void aReRunNeverCountsAMonthTwiceAndARestatementRereadsOnlyItsMonth(@ForAll long seed,
      @ForAll @IntRange(min = 1, max = 4) int months, @ForAll @IntRange(min = 0, max = 3) int restated) {
    ExportTableFixture t = CarbonFootprintFixture.generate(seed, YearMonth.of(2024, 11), months);
    fake.table(t);
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    GcpCarbonFootprintConnector c = GcpCarbonFootprintConnector.builder().bigQuery(fake.client())
        .table("test-project.carbon.carbon_footprint").groupBy(List.of(GcpGroupKey.MONTH)).build();

    CarbonFootprintResult first = c.sync(SyncContext.builder().stateStore(store).build());
    CarbonFootprintResult second = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(first.rowsRead()).isEqualTo(t.rows().size());
    assertThat(second.rowsRead()).isZero();

    int month = restated % months;
    String monthStart = YearMonth.of(2024, 11).plusMonths(month).atDay(1).toString();
    int idx = 0;
    while (!t.rows().get(idx).get("usage_month").equals(monthStart)) {
      idx++;
    }
    t.set(idx, "scope2_market_based", "123.25");
    CarbonFootprintResult third = c.sync(SyncContext.builder().stateStore(store).build());
    long monthRows = t.rows().stream().filter(r -> r.get("usage_month").equals(monthStart)).count();
    assertThat(third.rowsRead()).isEqualTo(monthRows);
    assertThat(third.partitions()).filteredOn(p -> p.rows() > 0).singleElement()
        .satisfies(p -> assertThat(p.partition()).isEqualTo(monthStart));
    assertThat(c.sync(SyncContext.builder().stateStore(store).build()).rowsRead()).isZero();
  }
}
