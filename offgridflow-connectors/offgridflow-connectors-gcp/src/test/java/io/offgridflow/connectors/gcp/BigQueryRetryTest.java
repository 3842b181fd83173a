package io.offgridflow.connectors.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.offgridflow.CoreErrorCode;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.gcp.fixtures.BillingExportFixture;
import io.offgridflow.connectors.gcp.fixtures.CarbonFootprintFixture;
import io.offgridflow.connectors.gcp.fixtures.ExportTableFixture;
import io.offgridflow.connectors.gcp.fixtures.FakeBigQuery;
import io.offgridflow.connectors.gcp.fixtures.FakeBigQuery.JobFailure;
import io.offgridflow.connectors.gcp.internal.BigQueryRetries;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transient BigQuery failures against the real client on WireMock: which are retried, by whom (the
 * client re-sends a page; the connector runs a failed query as a new job), with which backoff, and that
 * a retried page is counted once.
 */
class BigQueryRetryTest {
  private static final String TABLE = "test-project.billing.gcp_billing_export_v1_0123AB_CDEF45_6789AB";
  private static final LocalDate DAY = LocalDate.of(2025, 3, 10);
  private static final Duration INITIAL = Duration.ofMillis(100);
  private static final Duration MAX = Duration.ofMillis(250);
  private static final int ROWS = 12;
  private static final int PAGE = 5; // 12 rows: pages 0 (in jobs.query), 1 and 2 (tabledata.list)

  private final ExportTableFixture table = BillingExportFixture.table();
  private final FakeBigQuery fake = new FakeBigQuery(table).pageSize(PAGE);
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  BigQueryRetryTest() {
    table.addAll(BillingExportFixture.generate(3, ROWS, DAY, 1));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private GcpRetryPolicy policy(int attempts) {
    return GcpRetryPolicy.builder().maxAttempts(attempts).initialBackoff(INITIAL).maxBackoff(MAX)
        .sleeper(sleeps::add).build();
  }

  private GcpBillingExportConnector connector(FakeBigQuery on, int attempts) {
    return GcpBillingExportConnector.builder().bigQuery(on.client()).table(TABLE).days(DAY, DAY)
        .groupBy(GcpGroupKey.parseList("class,service")).retry(policy(attempts)).build();
  }

  /** The same sync on a second fake with the same rows and no failures: what the retried sync must equal. */
  private BillingExportResult cleanResult() {
    try (FakeBigQuery clean = new FakeBigQuery(table).pageSize(PAGE)) {
      return connector(clean, 1).sync(SyncContext.builder().build());
    }
  }

  private static String error(int status, String reason, String message) {
    return "{\"error\":{\"code\":" + status + ",\"message\":\"" + message + "\",\"errors\":[{\"reason\":\"" + reason
        + "\",\"message\":\"" + message + "\"}]}}";
  }

  /** The first {@code failures} matching requests get {@code status}; later ones fall through to the fake. */
  private void failFirst(java.util.function.Supplier<MappingBuilder> request, int failures, int status, String reason) {
    failFirst(request, failures, status, reason, "transient " + status);
  }

  private void failFirst(java.util.function.Supplier<MappingBuilder> request, int failures, int status, String reason,
      String message) {
    for (int i = 0; i < failures; i++) {
      String state = i == 0 ? Scenario.STARTED : "failed " + i;
      fake.server().stubFor(request.get().atPriority(1).inScenario("outage").whenScenarioStateIs(state)
          .willSetStateTo("failed " + (i + 1))
          .willReturn(WireMock.aResponse().withStatus(status).withHeader("Content-Type", "application/json")
              .withBody(error(status, reason, message))));
    }
  }

  private static MappingBuilder jobsQuery() {
    return WireMock.post(WireMock.urlPathMatching("/bigquery/v2/projects/.*/queries"));
  }

  private static MappingBuilder page(int token) {
    return WireMock.get(WireMock.urlPathMatching("/bigquery/v2/projects/.*/data"))
        .withQueryParam("pageToken", WireMock.equalTo(Integer.toString(token)));
  }

  private long requests(String method, String pathPart) {
    return fake.requestLines().stream().filter(l -> l.startsWith(method + " ") && l.contains(pathPart)).count();
  }

  private static void assertBalanced(RowAccounting a) {
    assertThat(a.read()).isEqualTo(a.estimated() + a.unknown() + a.unsupported() + a.ignored());
  }

  @Test
  void aPageAnswered503TwiceIsFetchedAgainAndItsRowsAreCountedOnce() {
    failFirst(() -> page(2), 2, 503, "backendError");
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();

    BillingExportResult r = connector(fake, 4).sync(SyncContext.builder().stateStore(store).build());

    BillingExportResult clean = cleanResult();
    assertThat(r.accounting().read()).isEqualTo(ROWS);
    assertThat(r.accounting()).isEqualTo(clean.accounting());
    assertBalanced(r.accounting());
    assertThat(r.groups()).isEqualTo(clean.groups());
    assertThat(r.totalKwh()).isEqualTo(clean.totalKwh());
    assertThat(store.list(GcpBillingExportConnector.DEFAULT_ID)).singleElement()
        .satisfies(cp -> assertThat(cp.rows()).isEqualTo(ROWS));
    // The client re-sent the same page request (2 failures + 1 success); no new query job was run.
    assertThat(requests("GET", "pageToken=2")).isEqualTo(2 + 1);
    assertThat(requests("POST", "/queries")).isEqualTo(2); // summary and read
    // Exponential backoff: INITIAL, then 2 x INITIAL (200 ms, under MAX).
    assertThat(sleeps).containsExactly(INITIAL, INITIAL.multipliedBy(2));
  }

  @Test
  void aRateLimited429PageIsRetriedWithTheCappedBackoff() {
    failFirst(() -> page(1), 3, 429, "rateLimitExceeded");

    BillingExportResult r = connector(fake, 5).sync(SyncContext.builder().build());

    assertThat(r.accounting()).isEqualTo(cleanResult().accounting());
    assertThat(requests("GET", "pageToken=1")).isEqualTo(3 + 1);
    // 100, 200, then 400 capped at MAX = 250.
    assertThat(sleeps).containsExactly(INITIAL, INITIAL.multipliedBy(2), MAX);
  }

  @Test
  void aQueryAnswered503IsRunAgainAsANewJob() {
    failFirst(BigQueryRetryTest::jobsQuery, 2, 503, "backendError");

    BillingExportResult r = connector(fake, 4).sync(SyncContext.builder().build());

    assertThat(r.groups()).isEqualTo(cleanResult().groups());
    assertThat(r.accounting().read()).isEqualTo(ROWS);
    // 2 failed jobs.query + the summary + the read, each jobs.query with its own requestId.
    assertThat(requests("POST", "/queries")).isEqualTo(2 + 2);
    assertThat(fake.queryRequests()).extracting(q -> q.path("requestId").asText()).doesNotHaveDuplicates();
    assertThat(sleeps).containsExactly(INITIAL, INITIAL.multipliedBy(2));
  }

  /**
   * BigQuery's answer to too many operations at once. On jobs.query and jobs.getQueryResults the client
   * retries this message on its own (its built-in retry config), whatever our retry algorithm says.
   */
  private static final String RATE_LIMIT_MESSAGE = "Exceeded rate limits: too many table update operations for this table";

  @Test
  void aRateLimitedJobsQueryIsResentByTheClientWithThePolicysBackoffAndARetryEvent() {
    failFirst(BigQueryRetryTest::jobsQuery, 1, 403, "rateLimitExceeded", RATE_LIMIT_MESSAGE);
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build();

    BillingExportResult r = GcpBillingExportConnector.builder().bigQuery(fake.client()).table(TABLE).days(DAY, DAY)
        .groupBy(GcpGroupKey.parseList("class,service")).retry(policy(4)).openTelemetry(otel).build()
        .sync(SyncContext.builder().build());

    BillingExportResult clean = cleanResult();
    assertThat(r.accounting()).isEqualTo(clean.accounting());
    assertBalanced(r.accounting());
    assertThat(r.groups()).isEqualTo(clean.groups());
    assertThat(r.totalKwh()).isEqualTo(clean.totalKwh());
    // The 403, the summary re-sent by the client (same requestId: the same request, not a new job), the read.
    assertThat(requests("POST", "/queries")).isEqualTo(1 + 2);
    List<String> ids = fake.queryRequests().stream().map(q -> q.path("requestId").asText()).toList();
    assertThat(ids).hasSize(3);
    assertThat(ids.get(1)).isEqualTo(ids.get(0));
    assertThat(ids.get(2)).isNotEqualTo(ids.get(0));
    // The policy's wait, through its sleeper (the client's own jittered Thread.sleep would leave this empty).
    assertThat(sleeps).containsExactly(INITIAL);
    assertThat(spans.getFinishedSpanItems()).extracting(s -> s.getAttributes().get(AttributeKey.stringKey("offgridflow.query"))
        + " " + s.getEvents().stream().map(e -> e.getName() + "#" + e.getAttributes().get(AttributeKey.longKey("offgridflow.attempt"))
            + " " + e.getAttributes().get(AttributeKey.stringKey("offgridflow.retried"))).toList())
        .containsExactly("partition summary query [retry#2 request]", "read of 1 days []");
  }

  @Test
  void aPersistentlyRateLimitedJobsQueryCostsMaxAttemptsRequestsWithThePolicysBackoff() {
    int attempts = 3;
    failFirst(BigQueryRetryTest::jobsQuery, 10, 403, "rateLimitExceeded", RATE_LIMIT_MESSAGE);

    assertThatThrownBy(() -> connector(fake, attempts).sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CloudErrorCode.SOURCE_UNREADABLE);
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains(TABLE).contains("partition summary query").contains("HTTP 403")
              .contains("rateLimitExceeded").contains("after " + attempts + " attempts");
        });
    // The client re-sent it; the connector did not run it again on top.
    assertThat(requests("POST", "/queries")).isEqualTo(attempts);
    assertThat(sleeps).containsExactly(INITIAL, INITIAL.multipliedBy(2));
  }

  @Test
  void theClientsOwnRetryConfigIsMirrored() {
    // google-cloud-bigquery 2.59.0's DEFAULT_RETRY_CONFIG: two message prefixes (contained, any case) and a regex
    // matched against the whole message without DOTALL.
    assertThat(BigQueryRetries.clientRetriesAnyway(new java.io.IOException("403 Forbidden\nPOST https://x/queries\n"
        + RATE_LIMIT_MESSAGE))).isTrue();
    assertThat(BigQueryRetries.clientRetriesAnyway(new RuntimeException("Job exceeded rate limits: too many jobs")))
        .isTrue();
    assertThat(BigQueryRetries.clientRetriesAnyway(new RuntimeException("Quota exceeded: your rate is over the limit")))
        .isTrue();
    assertThat(BigQueryRetries.clientRetriesAnyway(new RuntimeException("exceeded\nrate limit"))).isFalse();
    assertThat(BigQueryRetries.clientRetriesAnyway(new RuntimeException("transient 429"))).isFalse();
    assertThat(BigQueryRetries.clientRetriesAnyway(new RuntimeException((String) null))).isFalse();
  }

  @Test
  void aJobThatFailsWithBackendErrorIsRunAgainAsANewJob() {
    // BigQuery reports a failed job through jobs.getQueryResults' HTTP error; re-polling cannot help.
    fake.failJobs(1, new JobFailure(500, "backendError", "Error encountered during execution. Retrying may solve the problem."));

    BillingExportResult r = connector(fake, 3).sync(SyncContext.builder().build());

    assertThat(r.groups()).isEqualTo(cleanResult().groups());
    assertThat(fake.jobsCreated()).isEqualTo(1 + 2); // the failed summary job, the summary again, the read
    assertThat(requests("GET", "/queries/job_1")).isEqualTo(1); // the failed job was polled once, not retried
    assertThat(sleeps).containsExactly(INITIAL);
  }

  @Test
  void aJobWhoseStatusReportsARetryableReasonIsRunAgain() {
    // The other way the client learns of a failed job: jobs.get shows DONE with an errorResult.
    fake.failJobs(2, new JobFailure(0, "rateLimitExceeded", "Exceeded rate limits: too many table update operations"));

    BillingExportResult r = connector(fake, 3).sync(SyncContext.builder().build());

    assertThat(r.accounting()).isEqualTo(cleanResult().accounting());
    assertThat(fake.jobsCreated()).isEqualTo(2 + 2);
    assertThat(sleeps).containsExactly(INITIAL, INITIAL.multipliedBy(2));
  }

  @Test
  void aJobThatFailsWithAnInvalidQueryIsNotRunAgain() {
    fake.failJobs(1, new JobFailure(400, "invalidQuery", "Unrecognized name: usage at [1:8]"));

    assertThatThrownBy(() -> connector(fake, 4).sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CloudErrorCode.UNSUPPORTED_BILL_FORMAT);
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).contains(TABLE).contains("partition summary query").contains("HTTP 400")
              .contains("invalidQuery").contains("Unrecognized name");
        });
    assertThat(fake.jobsCreated()).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void accessDeniedFailsAtOnceNamingTableQueryStatusAndReason() {
    failFirst(BigQueryRetryTest::jobsQuery, 1, 403, "accessDenied");

    assertThatThrownBy(() -> connector(fake, 4).sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CloudErrorCode.UNSUPPORTED_BILL_FORMAT);
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).contains(TABLE).contains("partition summary query").contains("HTTP 403")
              .contains("accessDenied").doesNotContain("attempts");
        });
    assertThat(requests("POST", "/queries")).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void notFoundFailsAtOnce() {
    failFirst(BigQueryRetryTest::jobsQuery, 1, 404, "notFound");

    assertThatThrownBy(() -> connector(fake, 4).sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CoreErrorCode.INVALID_CONFIGURATION);
          assertThat(e.getMessage()).contains(TABLE).contains("HTTP 404").contains("notFound");
        });
    assertThat(requests("POST", "/queries")).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void aQueryFailingEveryAttemptIsRetryableAndSaysHowOftenItWasTried() {
    int attempts = 3;
    failFirst(BigQueryRetryTest::jobsQuery, 10, 503, "backendError");

    assertThatThrownBy(() -> connector(fake, attempts).sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CloudErrorCode.SOURCE_UNREADABLE);
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains(TABLE).contains("partition summary query").contains("HTTP 503")
              .contains("backendError").contains("after " + attempts + " attempts").contains("retryable");
        });
    // Bounded: exactly maxAttempts requests, the connector's re-runs not multiplied by client retries.
    assertThat(requests("POST", "/queries")).isEqualTo(attempts);
    assertThat(sleeps).containsExactly(INITIAL, INITIAL.multipliedBy(2));
  }

  @Test
  void aPageFailingEveryAttemptCommitsNothingAndTheReRunCountsEveryRowOnce() {
    int attempts = 3;
    fake.server().stubFor(page(2).atPriority(1).willReturn(WireMock.aResponse().withStatus(502)
        .withHeader("Content-Type", "application/json").withBody(error(502, "badGateway", "Bad gateway"))));
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    GcpBillingExportConnector c = connector(fake, attempts);

    assertThatThrownBy(() -> c.sync(SyncContext.builder().stateStore(store).build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CloudErrorCode.SOURCE_UNREADABLE);
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains(TABLE).contains("read of 1 days").contains("HTTP 502")
              .contains("after " + attempts + " attempts");
        });
    assertThat(requests("GET", "pageToken=2")).isEqualTo(attempts);
    // Rows of pages 0 and 1 were read, yet no new job was started for the read: that would count them again.
    assertThat(requests("POST", "/queries")).isEqualTo(2);
    assertThat(store.list(c.id())).isEmpty();

    fake.server().resetMappings();
    try (FakeBigQuery healthy = new FakeBigQuery(table).pageSize(PAGE)) {
      BillingExportResult r = GcpBillingExportConnector.builder().bigQuery(healthy.client()).table(TABLE)
          .days(DAY, DAY).groupBy(GcpGroupKey.parseList("class,service")).retry(policy(attempts)).build()
          .sync(SyncContext.builder().stateStore(store).build());
      assertThat(r.accounting().read()).isEqualTo(ROWS);
      assertBalanced(r.accounting());
    }
    assertThat(store.list(c.id())).singleElement().satisfies(cp -> assertThat(cp.rows()).isEqualTo(ROWS));
  }

  @Test
  void noRetryPolicySurfacesTheFirstTransientFailureAsRetryable() {
    failFirst(() -> page(1), 1, 503, "backendError");

    assertThatThrownBy(() -> connector(fake, 1).sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains("HTTP 503").doesNotContain("attempts");
        });
    assertThat(requests("GET", "pageToken=1")).isEqualTo(1);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void theCarbonFootprintConnectorRetriesTheSameWay() {
    ExportTableFixture cf = CarbonFootprintFixture.generate(11, YearMonth.of(2025, 1), 2);
    try (FakeBigQuery cfFake = new FakeBigQuery(cf).pageSize(4)) {
      cfFake.server().stubFor(jobsQuery().atPriority(1).inScenario("cf").whenScenarioStateIs(Scenario.STARTED)
          .willSetStateTo("ok").willReturn(WireMock.aResponse().withStatus(500)
              .withHeader("Content-Type", "application/json").withBody(error(500, "internalError", "Internal error"))));
      cfFake.server().stubFor(WireMock.get(WireMock.urlPathMatching("/bigquery/v2/projects/.*/data"))
          .withQueryParam("pageToken", WireMock.equalTo("1")).atPriority(1).inScenario("cf-page")
          .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok").willReturn(WireMock.aResponse().withStatus(503)
              .withHeader("Content-Type", "application/json").withBody(error(503, "backendError", "Backend error"))));

      CarbonFootprintResult r = GcpCarbonFootprintConnector.builder().bigQuery(cfFake.client())
          .table("test-project.carbon.carbon_footprint").retry(policy(3)).build().sync(SyncContext.builder().build());

      assertThat(r.rowsRead()).isEqualTo(cf.rows().size());
      double expectedLocation = cf.rows().stream()
          .mapToDouble(row -> Double.parseDouble(row.get("total_location_based"))).sum();
      assertThat(r.total().totalLocationBasedKg()).isCloseTo(expectedLocation, org.assertj.core.api.Assertions.within(1e-6));
      assertThat(sleeps).containsExactly(INITIAL, INITIAL); // one re-run of the summary job, one page re-sent
    }
  }

  @Test
  void anInterruptedBackoffStopsTheSyncAsCancelledWhicheverHalfWasWaiting() {
    GcpRetryPolicy interrupted = GcpRetryPolicy.builder().maxAttempts(4).initialBackoff(INITIAL).maxBackoff(MAX)
        .sleeper(d -> {
          sleeps.add(d);
          throw new InterruptedException("host shutting down");
        }).build();
    // The connector's wait (a jobs.query failure), the client's wait (a page failure) and the client's wait on a
    // rate-limited jobs.query (which the client retries on its own config).
    for (Runnable outage : List.<Runnable>of(() -> failFirst(BigQueryRetryTest::jobsQuery, 1, 503, "backendError"),
        () -> failFirst(() -> page(1), 1, 503, "backendError"),
        () -> failFirst(BigQueryRetryTest::jobsQuery, 1, 403, "rateLimitExceeded", RATE_LIMIT_MESSAGE))) {
      fake.server().resetMappings();
      fake.server().resetScenarios();
      restoreFakeStubs();
      outage.run();
      InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
      try {
        assertThatThrownBy(() -> GcpBillingExportConnector.builder().bigQuery(fake.client()).table(TABLE)
            .days(DAY, DAY).retry(interrupted).build().sync(SyncContext.builder().stateStore(store).build()))
            .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
              assertThat(e.code()).as(e.getMessage()).isEqualTo(CloudErrorCode.SYNC_CANCELLED);
              assertThat(e.getMessage()).contains(TABLE).contains("interrupted");
            });
        assertThat(Thread.currentThread().isInterrupted()).isTrue(); // the flag is kept for the host to see
      } finally {
        Thread.interrupted();
      }
      assertThat(store.list(GcpBillingExportConnector.DEFAULT_ID)).isEmpty();
    }
    assertThat(sleeps).containsExactly(INITIAL, INITIAL, INITIAL);
  }

  /** The fake's own stubs, after a test removed every mapping. */
  private void restoreFakeStubs() {
    fake.reinstallStubs();
  }

  @Test
  void thePolicyRejectsNonsense() {
    assertThatThrownBy(() -> GcpRetryPolicy.builder().maxAttempts(0).build())
        .isInstanceOf(OffGridFlowException.class).hasMessageContaining("maxAttempts 0");
    assertThatThrownBy(() -> GcpRetryPolicy.builder().initialBackoff(Duration.ofSeconds(5))
        .maxBackoff(Duration.ofSeconds(1)).build())
        .isInstanceOf(OffGridFlowException.class).hasMessageContaining("maxBackoff PT1S").hasMessageContaining("PT5S");
    GcpRetryPolicy p = GcpRetryPolicy.builder().initialBackoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(5)).build();
    assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4), p.backoff(40)))
        .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }
}
