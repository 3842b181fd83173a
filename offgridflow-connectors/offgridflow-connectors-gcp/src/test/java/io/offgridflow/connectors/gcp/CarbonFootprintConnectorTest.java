package io.offgridflow.connectors.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.spi.Checkpoint;
import io.offgridflow.connectors.gcp.fixtures.CarbonFootprintFixture;
import io.offgridflow.connectors.gcp.fixtures.ExportTableFixture;
import io.offgridflow.connectors.gcp.fixtures.FakeBigQuery;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CarbonFootprintConnectorTest {
  private static final String TABLE = "test-project.carbon.carbon_footprint";
  private static final double EPS = 1e-9;

  private final ExportTableFixture table = CarbonFootprintFixture.generate(7, YearMonth.of(2025, 1), 3);
  private final FakeBigQuery fake = new FakeBigQuery(table);

  @AfterEach
  void stop() {
    fake.close();
  }

  private GcpCarbonFootprintConnector.Builder connector() {
    return GcpCarbonFootprintConnector.builder().bigQuery(fake.client()).table(TABLE);
  }

  private static double sum(List<Map<String, String>> rows, String column) {
    return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(column))).sum();
  }

  @Test
  void sumsEveryScopeByMonthWithLocationAndMarketBasedKeptApart() {
    CarbonFootprintResult r = connector().groupBy(List.of(GcpGroupKey.MONTH)).build()
        .sync(SyncContext.builder().build());

    assertThat(r.method()).isEqualTo("provider-reported");
    assertThat(r.groups()).extracting(g -> g.key().get(0)).containsExactly("2025-01", "2025-02", "2025-03");
    for (CarbonFootprintGroup g : r.groups()) {
      List<Map<String, String>> rows = table.rows().stream()
          .filter(row -> row.get("usage_month").startsWith(g.key().get(0))).collect(Collectors.toList());
      assertThat(g.rows()).isEqualTo(rows.size());
      assertThat(g.scope1Kg()).isCloseTo(sum(rows, "scope1"), within(EPS));
      assertThat(g.scope2LocationBasedKg()).isCloseTo(sum(rows, "scope2_location_based"), within(EPS));
      assertThat(g.scope2MarketBasedKg()).isCloseTo(sum(rows, "scope2_market_based"), within(EPS));
      assertThat(g.scope3Kg()).isCloseTo(sum(rows, "scope3"), within(EPS));
      // Google's totals are scope 1 + the scope 2 view + scope 3: the two views differ only in scope 2.
      assertThat(g.totalLocationBasedKg()).isCloseTo(g.scope1Kg() + g.scope2LocationBasedKg() + g.scope3Kg(), within(1e-6));
      assertThat(g.totalMarketBasedKg()).isCloseTo(g.scope1Kg() + g.scope2MarketBasedKg() + g.scope3Kg(), within(1e-6));
      assertThat(g.totalLocationBasedKg()).isNotCloseTo(g.totalMarketBasedKg(), within(1e-3));
      assertThat(g.carbonModelVersions()).containsExactly("14");
    }
    assertThat(r.total().totalMarketBasedKg()).isCloseTo(sum(table.rows(), "total_market_based"), within(EPS));
    assertThat(r.rowsRead()).isEqualTo(table.rows().size());
  }

  @Test
  void groupsByProjectServiceAndRegionWithGlobalRowsUnderTheirMultiRegion() {
    CarbonFootprintResult r = connector()
        .groupBy(List.of(GcpGroupKey.PROJECT, GcpGroupKey.SERVICE, GcpGroupKey.REGION)).build()
        .sync(SyncContext.builder().build());

    // The fixture gives BigQuery rows no region (NULL) and location "us", as Google does for multi-regions.
    assertThat(r.groups()).anySatisfy(g -> assertThat(g.key().get(2)).isEqualTo("us"));
    double viaGroups = r.groups().stream().mapToDouble(CarbonFootprintGroup::scope3Kg).sum();
    assertThat(viaGroups).isCloseTo(sum(table.rows(), "scope3"), within(EPS));
  }

  @Test
  void rowsWithoutAProjectAreGroupedUnderNoProject() {
    Map<String, String> orphan = CarbonFootprintFixture.row(YearMonth.of(2025, 1), "", "Cloud DNS", "", "global", 0,
        0.25, 0.05, 0.5, "14");
    orphan.put("project_id", null); // Google writes NULL for billing-account-level or deleted-project rows
    table.add(orphan);
    CarbonFootprintResult r = connector().groupBy(List.of(GcpGroupKey.PROJECT, GcpGroupKey.REGION)).build()
        .sync(SyncContext.builder().build());

    assertThat(r.groups()).filteredOn(g -> g.key().get(0).equals("(no project)")).singleElement()
        .satisfies(g -> {
          assertThat(g.key()).containsExactly("(no project)", "global");
          assertThat(g.scope2LocationBasedKg()).isEqualTo(0.25);
        });
  }

  @Test
  void monthRangeIsSentAsDateQueryParametersNeverAsSqlText() {
    connector().months(YearMonth.of(2025, 2), YearMonth.of(2025, 3)).build().sync(SyncContext.builder().build());

    List<JsonNode> requests = fake.queryRequests();
    JsonNode summary = requests.get(0);
    assertThat(summary.path("useLegacySql").asBoolean(true)).isFalse();
    assertThat(summary.path("query").asText()).contains("@first_month").contains("@last_month")
        .doesNotContain("2025-02-01");
    Map<String, String> params = new java.util.HashMap<>();
    for (JsonNode p : summary.path("queryParameters")) {
      assertThat(p.path("parameterType").path("type").asText()).isEqualTo("DATE");
      params.put(p.path("name").asText(), p.path("parameterValue").path("value").asText());
    }
    assertThat(params).containsEntry("first_month", "2025-02-01").containsEntry("last_month", "2025-03-01");
    JsonNode read = requests.get(1);
    assertThat(read.path("query").asText()).contains("IN UNNEST(@months)").doesNotContain("2025-03-01");
    assertThat(read.path("queryParameters").get(0).path("parameterValue").path("arrayValues"))
        .extracting(v -> v.path("value").asText()).containsExactly("2025-02-01", "2025-03-01");
  }

  @Test
  void pagesThroughEveryResultPage() {
    fake.pageSize(4); // 18 rows: 5 pages
    CarbonFootprintResult r = connector().build().sync(SyncContext.builder().build());

    assertThat(r.rowsRead()).isEqualTo(18);
    List<String> pageRequests = fake.requestLines().stream().filter(l -> l.contains("pageToken="))
        .collect(Collectors.toList());
    assertThat(pageRequests).hasSize(4).allSatisfy(l -> assertThat(l).contains("/data?"));
  }

  @Test
  void longRunningQueriesArePolledThroughGetQueryResults() {
    fake.slowJobs(3).pageSize(5);
    CarbonFootprintResult r = connector().build().sync(SyncContext.builder().build());

    assertThat(r.rowsRead()).isEqualTo(18);
    assertThat(fake.requestLines()).anySatisfy(l -> assertThat(l).startsWith("GET ").contains("/queries/job_"));
  }

  @Test
  void reRunSkipsCountedMonthsAndRestatedMonthSupersedes() {
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    GcpCarbonFootprintConnector c = connector().groupBy(List.of(GcpGroupKey.MONTH)).build();
    CarbonFootprintResult first = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(first.partitions()).extracting(PartitionOutcome::status)
        .containsOnly(PartitionOutcome.Status.COUNTED);
    assertThat(store.list(c.id())).extracting(Checkpoint::sourceKey)
        .containsExactly(TABLE + "/2025-01-01", TABLE + "/2025-02-01", TABLE + "/2025-03-01");

    CarbonFootprintResult again = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(again.partitions()).extracting(PartitionOutcome::status)
        .containsOnly(PartitionOutcome.Status.SKIPPED_ALREADY_COUNTED);
    assertThat(again.rowsRead()).isZero();
    assertThat(again.groups()).isEmpty();

    // Google restates February (a new model version): only February is read, and it supersedes.
    int feb = indexOfFirst("2025-02-01");
    table.set(feb, "scope3", "99.5");
    table.set(feb, "carbon_model_version", "15");
    CarbonFootprintResult restated = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(restated.partitions()).extracting(PartitionOutcome::partition, PartitionOutcome::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("2025-01-01", PartitionOutcome.Status.SKIPPED_ALREADY_COUNTED),
            org.assertj.core.groups.Tuple.tuple("2025-02-01", PartitionOutcome.Status.SUPERSEDED),
            org.assertj.core.groups.Tuple.tuple("2025-03-01", PartitionOutcome.Status.SKIPPED_ALREADY_COUNTED));
    assertThat(restated.groups()).singleElement().satisfies(g -> {
      assertThat(g.key()).containsExactly("2025-02");
      assertThat(g.scope3Kg()).isCloseTo(sum(rowsOf("2025-02-01"), "scope3"), within(EPS));
      assertThat(g.carbonModelVersions()).containsExactly("14", "15");
    });
  }

  @Test
  void malformedValueNamesTableRowColumnAndValueAndKeepsEarlierCheckpoints() {
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    GcpCarbonFootprintConnector c = connector().months(YearMonth.of(2025, 1), YearMonth.of(2025, 1)).build();
    c.sync(SyncContext.builder().stateStore(store).build());
    List<Checkpoint> before = store.list(c.id());

    table.set(indexOfFirst("2025-02-01") + 1, "scope1", "12,5");
    GcpCarbonFootprintConnector all = connector().build();
    assertThatThrownBy(() -> all.sync(SyncContext.builder().stateStore(store).build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CloudErrorCode.INVALID_BILL);
          assertThat(e.getMessage()).contains("table " + TABLE).contains("row 2 ").contains("usage_month 2025-02-01")
              .contains("column carbon_footprint_kgCO2e.scope1").contains("'12,5'");
        });
    assertThat(store.list(c.id())).isEqualTo(before);
  }

  @Test
  void rejectsGroupingTheExportCannotDo() {
    assertThatThrownBy(() -> connector().groupBy(List.of(GcpGroupKey.CLASS)))
        .isInstanceOf(OffGridFlowException.class).hasMessageContaining("cannot be grouped by class");
    assertThatThrownBy(() -> GcpCarbonFootprintConnector.builder().bigQuery(fake.client()).table("no dots").build())
        .isInstanceOf(OffGridFlowException.class).hasMessageContaining("'no dots'");
  }

  private int indexOfFirst(String month) {
    List<Map<String, String>> rows = table.rows();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).get("usage_month").equals(month)) {
        return i;
      }
    }
    throw new IllegalStateException(month);
  }

  private List<Map<String, String>> rowsOf(String month) {
    return table.rows().stream().filter(r -> r.get("usage_month").equals(month)).collect(Collectors.toList());
  }
}
