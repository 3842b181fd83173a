package io.offgridflow.connectors.aws.costexplorer;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.aws.CostExplorerConnector;
import io.offgridflow.connectors.aws.CostExplorerResult;
import io.offgridflow.connectors.aws.CurGroup;
import io.offgridflow.connectors.aws.SourceOutcome;
import io.offgridflow.connectors.aws.costexplorer.CostExplorerConnectorTest.Usage;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;

/**
 * Invariants of the Cost Explorer sync over any paging of the same answer: the groups, kWh and row
 * accounting do not depend on where Cost Explorer cuts its pages, the accounting balances (checked
 * by {@link RowAccounting} itself), and a re-run counts nothing.
 */
class CostExplorerProperties {
  static WireMockServer wm;
  static CostExplorerClient ce;
  static CostExplorerResult reference;

  @BeforeContainer
  static void start() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    ce = CostExplorerClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + wm.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
        .build();
  }

  @AfterContainer
  static void stop() {
    ce.close();
    wm.stop();
  }

  @BeforeTry
  void reset() {
    wm.resetAll();
  }

  /** The us-east-1 usage of the example test, in {@code pages} pages cut after {@code rotate} groups. */
  static void stubPaged(int pages, int rotate) {
    List<Usage> east = new ArrayList<>();
    for (Usage u : CostExplorerConnectorTest.ALL) {
      if (u.region().equals("us-east-1")) {
        east.add(u);
      }
    }
    List<Usage> order = new ArrayList<>(east.subList(rotate % east.size(), east.size()));
    order.addAll(east.subList(0, rotate % east.size()));
    int per = (order.size() + pages - 1) / pages;
    for (int p = 0; p < pages; p++) {
      List<Usage> jan = new ArrayList<>();
      List<Usage> feb = new ArrayList<>();
      for (Usage u : order.subList(Math.min(p * per, order.size()), Math.min((p + 1) * per, order.size()))) {
        (u.month().equals("2025-01") ? jan : feb).add(u);
      }
      String token = p == 0 ? null : "t" + p;
      String next = p + 1 < pages ? "t" + (p + 1) : null;
      wm.stubFor(CostExplorerConnectorTest.costAndUsage("us-east-1", token)
          .willReturn(CostExplorerConnectorTest.json(CostExplorerConnectorTest.page(next,
              Map.of("2025-01", jan, "2025-02", feb)))));
    }
  }

  static CostExplorerResult sync(InMemoryConnectorStateStore store) {
    return CostExplorerConnector.builder().client(ce).period(CostExplorerConnectorTest.JAN, CostExplorerConnectorTest.MAR)
        .regions(List.of("us-east-1")).groupBy(CostExplorerConnectorTest.KEYS).build()
        .sync(SyncContext.builder().stateStore(store).build());
  }

  @Property(tries = 12)
  void pagingDoesNotChangeTheResultAndARerunCountsNothing(@ForAll @IntRange(min = 1, max = 4) int pages,
      @ForAll @IntRange(min = 0, max = 6) int rotate) {
    if (reference == null) {
      stubPaged(1, 0);
      reference = sync(new InMemoryConnectorStateStore());
      wm.resetAll();
    }
    stubPaged(pages, rotate);
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    CostExplorerResult r = sync(store);

    assertThat(r.accounting()).isEqualTo(reference.accounting());
    assertThat(r.periods()).extracting(SourceOutcome::fingerprint)
        .isEqualTo(reference.periods().stream().map(SourceOutcome::fingerprint).toList());
    Map<List<String>, CurGroup> expected = CostExplorerConnectorTest.byKey(reference.groups());
    Map<List<String>, CurGroup> actual = CostExplorerConnectorTest.byKey(r.groups());
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((k, e) -> {
      assertThat(actual.get(k).rows()).isEqualTo(e.rows());
      assertThat(actual.get(k).kwh()).isCloseTo(e.kwh(), within(1e-9 * Math.max(1, e.kwh())));
    });
    assertThat(wm.countRequestsMatching(post(urlEqualTo("/")).withHeader(CostExplorerConnectorTest.TARGET,
        equalTo(CostExplorerConnectorTest.COST_AND_USAGE)).build().getRequest()).getCount()).isEqualTo(pages);

    CostExplorerResult again = sync(store);
    assertThat(again.accounting().read()).isZero();
    assertThat(again.totalKwh()).isZero();
    assertThat(again.periods()).extracting(SourceOutcome::status)
        .containsOnly(SourceOutcome.Status.SKIPPED_ALREADY_COUNTED);
  }
}
