package io.offgridflow.connectors.gcp;

import static io.offgridflow.connectors.gcp.fixtures.BillingExportFixture.GIB;
import static io.offgridflow.connectors.gcp.fixtures.BillingExportFixture.row;
import static io.offgridflow.connectors.gcp.fixtures.BillingExportFixture.sku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.Cancellation;
import io.offgridflow.cloud.CcfDataset;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudCoefficients;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.CloudProvider;
import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.InstanceSpec;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.SyncProgress;
import io.offgridflow.cloud.internal.SimpleCsv;
import io.offgridflow.connectors.gcp.fixtures.BillingExportFixture;
import io.offgridflow.connectors.gcp.fixtures.ExportTableFixture;
import io.offgridflow.connectors.gcp.fixtures.FakeBigQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BillingExportConnectorTest {
  private static final String TABLE = "test-project.billing.gcp_billing_export_v1_0123AB_CDEF45_6789AB";
  private static final LocalDate DAY = LocalDate.of(2025, 3, 10);
  private static final CloudProvider GCP = CloudProvider.GCP;
  private static final CcfModel MODEL = CcfModel.builder().build();
  private static final CcfDataset CCF = MODEL.dataset();
  private static final CloudCoefficients C = MODEL.coefficients(GCP);
  private static final double U = C.cpuUtilisation();

  /** Retries as in production but with millisecond waits, so a test that meets one does not sleep for seconds. */
  private static final GcpRetryPolicy FAST = GcpRetryPolicy.builder().maxAttempts(3)
      .initialBackoff(java.time.Duration.ofMillis(1)).maxBackoff(java.time.Duration.ofMillis(4)).build();

  private final ExportTableFixture table = BillingExportFixture.table();
  private final FakeBigQuery fake = new FakeBigQuery(table).pageSize(5);

  @AfterEach
  void stop() {
    fake.close();
  }

  private GcpBillingExportConnector.Builder connector() {
    return GcpBillingExportConnector.builder().bigQuery(fake.client()).table(TABLE).days(DAY, DAY.plusDays(30))
        .retry(FAST);
  }

  private BillingExportResult syncByClass() {
    return connector().groupBy(List.of(GcpGroupKey.CLASS)).build().sync(SyncContext.builder().build());
  }

  private static BillingGroup group(BillingExportResult r, String... key) {
    return r.groups().stream().filter(g -> g.key().equals(List.of(key))).findFirst()
        .orElseThrow(() -> new AssertionError("no group " + List.of(key) + " in " + r.groups()));
  }

  private static double pue(String region) {
    return CCF.regionPue(GCP, region).orElse(C.pue());
  }

  private static double replication(String service, String skuText, String region) {
    return CCF.replicationFactor(GCP, service, skuText, region);
  }

  private static InstanceSpec firstOfFamily(String family) {
    return CCF.instances(GCP).stream().filter(s -> s.family().equals(family)).findFirst().orElseThrow();
  }

  /** CCF compute: (min + u * (max - min)) watts per vCPU x vCPU-hours x PUE x replication / 1000. */
  private static double computeKwh(double minW, double maxW, double vcpuHours, String region, double rep) {
    return (minW + U * (maxW - minW)) * vcpuHours * pue(region) * rep / 1000;
  }

  /** Embodied share: TE x instance-hours / lifespan x vCPUs / largest vCPUs = TE x vCPU-hours / (lifespan x largest). */
  private static double embodiedKg(InstanceSpec s, double vcpuHours) {
    return s.embodiedKgCo2e() * vcpuHours / (C.serverLifespanHours() * s.largestVcpusInFamily());
  }

  @Test
  void computeFromTheSkuFamilyWithItsWattsAndEmbodiedShare() {
    BillingExportFixture.Sku n2 = sku("N2 Instance Core running in Americas");
    table.add(row(DAY, "p", n2, 7200, 1.5)); // 7200 vCPU-seconds = 2 vCPU-hours
    BillingExportResult r = syncByClass();

    InstanceSpec spec = firstOfFamily("n2-standard");
    double vh = 7200 / 3600.0;
    double kwh = computeKwh(spec.minWattsPerVcpu(), spec.maxWattsPerVcpu(), vh, "us-central1",
        replication("Compute Engine", n2.sku(), "us-central1"));
    assertThat(group(r, "compute").kwh()).isCloseTo(kwh, within(1e-12));
    assertThat(group(r, "compute").co2eKg()).isCloseTo(kwh * CCF.gridKgPerKwh(GCP, "us-central1"), within(1e-12));
    assertThat(group(r, "embodied").co2eKg()).isCloseTo(embodiedKg(spec, vh), within(1e-12));
    assertThat(group(r, "embodied").kwh()).isZero();
    assertThat(r.accounting().estimated()).isEqualTo(1);
    assertThat(r.methodology()).isEqualTo("ccf-2024");
  }

  @Test
  void computeUsesTheMachineSpecLabelWhenPresent() {
    BillingExportFixture.Sku e2 = sku("E2 Instance Core running in EMEA");
    table.add(row(DAY, "p", e2, 4 * 3600, 0.4));
    BillingExportResult r = syncByClass();

    InstanceSpec spec = CCF.instance(GCP, e2.machineSpec()).orElseThrow();
    double kwh = computeKwh(spec.minWattsPerVcpu(), spec.maxWattsPerVcpu(), 4, "europe-west1", 1);
    assertThat(group(r, "compute").kwh()).isCloseTo(kwh, within(1e-12));
    assertThat(group(r, "embodied").co2eKg()).isCloseTo(embodiedKg(spec, 4), within(1e-12));
  }

  @Test
  void gpuHoursTakeTheMeanWattsOfCcfsGpuListWhenTheSkuNamesNone() {
    BillingExportFixture.Sku t4 = sku("Nvidia Tesla T4 GPU running in Americas");
    table.add(row(DAY, "p", t4, 3 * 3600, 2.0));
    BillingExportResult r = syncByClass();

    // CCF's GPU_MACHINE_TYPES; "Nvidia Tesla T4 ..." starts with none of them, so CCF averages all six.
    List<String> ccfGpus = List.of("Nvidia T4", "Nvidia Tesla K80", "Nvidia Tesla V100", "Nvidia Tesla A100",
        "Nvidia Tesla P4", "Nvidia Tesla P100");
    SimpleCsv gpus = SimpleCsv.resource("gpus.csv");
    double min = 0;
    double max = 0;
    for (String[] row : gpus.rows()) {
      if (gpus.get(row, "provider").equals("GCP") && ccfGpus.contains(gpus.get(row, "gpu_model"))) {
        min += gpus.num(row, "min_watts") / ccfGpus.size();
        max += gpus.num(row, "max_watts") / ccfGpus.size();
      }
    }
    assertThat(group(r, "compute").kwh()).isCloseTo(computeKwh(min, max, 3, "us-east1", 1), within(1e-12));
    assertThat(r.groups()).noneMatch(g -> g.key().get(0).equals("embodied"));
  }

  @Test
  void gkeClustersAndComposerEnvironmentsCountAsVcpusOfE2Medium() {
    BillingExportFixture.Sku gke = sku("Regional Kubernetes Clusters");
    BillingExportFixture.Sku composer = new BillingExportFixture.Sku("Cloud Composer", "Cloud Composer vCPU time in Iowa",
        "seconds", "us-central1", "us-central1", "", "regular", "compute", 3600);
    table.add(row(DAY, "p", gke, 3600, 0.1)).add(row(DAY, "p", composer, 7200, 0.3));
    BillingExportResult r = connector().groupBy(List.of(GcpGroupKey.CLASS, GcpGroupKey.SERVICE)).build()
        .sync(SyncContext.builder().build());

    InstanceSpec e2medium = CCF.instance(GCP, "e2-medium").orElseThrow();
    double gkeVcpuHours = 3600 / 3600.0 * 3; // CCF's VCPUS_PER_GKE_CLUSTER default
    double gkeRep = replication("Kubernetes Engine", gke.sku(), "europe-west4");
    assertThat(gkeRep).isEqualTo(3); // regional clusters: CCF's KUBERNETES_ENGINE factor
    assertThat(group(r, "compute", "Kubernetes Engine").kwh()).isCloseTo(
        computeKwh(e2medium.minWattsPerVcpu(), e2medium.maxWattsPerVcpu(), gkeVcpuHours, "europe-west4", gkeRep),
        within(1e-12));
    double composerVcpuHours = 7200 / 3600.0 * 14; // CCF's VCPUS_PER_CLOUD_COMPOSER_ENVIRONMENT default
    assertThat(group(r, "compute", "Cloud Composer").kwh()).isCloseTo(computeKwh(e2medium.minWattsPerVcpu(),
        e2medium.maxWattsPerVcpu(), composerVcpuHours, "us-central1", replication("Cloud Composer", composer.sku(),
        "us-central1")), within(1e-12));
    // Embodied as CCF takes it: the row's seconds as instance-hours of e2-medium, before the vCPU multiplier.
    double instanceHours = 7200 / 3600.0 / e2medium.vcpus();
    assertThat(group(r, "embodied", "Cloud Composer").co2eKg()).isCloseTo(e2medium.embodiedKgCo2e() * instanceHours
        / C.serverLifespanHours() * e2medium.vcpus() / e2medium.largestVcpusInFamily(), within(1e-12));
  }

  @Test
  void memoryStorageAndNetworkingFollowCcfUnits() {
    BillingExportFixture.Sku ram = sku("N2 Instance Ram running in Americas");
    BillingExportFixture.Sku ssd = sku("SSD backed PD Capacity");
    BillingExportFixture.Sku gcs = sku("Standard Storage Multi-region");
    BillingExportFixture.Sku egress = sku("Network Internet Egress from Americas to EMEA");
    double tib = Math.pow(2, 40);
    table.add(row(DAY, "p", ram, 4 * GIB * 3600, 0.2))          // 4 GB-hours
        .add(row(DAY, "p", ssd, 10 * tib * 3600, 3.0))           // 10 TB-hours
        .add(row(DAY, "p", gcs, 20 * tib * 3600, 2.0))           // 20 TB-hours, multi-region "us"
        .add(row(DAY, "p", egress, 5 * GIB, 0.6));               // 5 GB
    BillingExportResult r = connector().groupBy(List.of(GcpGroupKey.CLASS, GcpGroupKey.REGION)).build()
        .sync(SyncContext.builder().build());

    double memory = 4 * C.memoryKwhPerGbHour() * pue("us-central1"); // CCF replicates no GCP memory
    double ssdKwh = 10 * C.ssdWhPerTbHour() * pue("europe-west1")
        * replication("Compute Engine", ssd.sku(), "europe-west1") / 1000;
    double gcsRep = replication("Cloud Storage", gcs.sku(), "us");
    assertThat(gcsRep).isEqualTo(2); // CCF's CLOUD_STORAGE_MULTI_REGION
    double hddKwh = 20 * C.hddWhPerTbHour() * pue("us") * gcsRep / 1000; // no "SSD" in the SKU: HDD
    double network = 5 * C.networkKwhPerGb() * pue("us-central1");
    assertThat(group(r, "memory", "us-central1").kwh()).isCloseTo(memory, within(1e-12));
    assertThat(group(r, "storage", "europe-west1").kwh()).isCloseTo(ssdKwh, within(1e-12));
    assertThat(group(r, "storage", "us").kwh()).isCloseTo(hddKwh, within(1e-12));
    assertThat(group(r, "storage", "us").co2eKg()).isCloseTo(hddKwh * CCF.gridKgPerKwh(GCP, "us"), within(1e-12));
    assertThat(group(r, "networking", "us-central1").kwh()).isCloseTo(network, within(1e-12));
    assertThat(r.accounting().estimated()).isEqualTo(4);
  }

  @Test
  void unknownUsageIsEstimatedFromKnownRowsOfTheSameServiceAndUnitThenUnitThenCost() {
    BillingExportFixture.Sku egress = sku("Network Internet Egress from Americas to EMEA");
    BillingExportFixture.Sku ingress = sku("Network Inter Zone Ingress");
    BillingExportFixture.Sku n2 = sku("N2 Instance Core running in Americas");
    BillingExportFixture.Sku run = sku("CPU Allocation Time");
    BillingExportFixture.Sku ops = sku("Standard Storage Class A Operations");
    table.add(row(DAY, "p", egress, 8 * GIB, 1.0))
        .add(row(DAY, "p", n2, 7200, 3.0))
        .add(row(DAY, "p", ingress, 2 * GIB, 0.0))
        .add(row(DAY, "p", run, 1800, 0.5))
        .add(row(DAY, "p", ops, 5000, 0.25));
    BillingExportResult r = connector().groupBy(List.of(GcpGroupKey.CLASS, GcpGroupKey.SERVICE)).build()
        .sync(SyncContext.builder().build());

    double egressKwh = 8 * C.networkKwhPerGb() * pue("us-central1");
    InstanceSpec n2spec = firstOfFamily("n2-standard");
    double n2Kwh = computeKwh(n2spec.minWattsPerVcpu(), n2spec.maxWattsPerVcpu(), 2, "us-central1", 1);
    // Ingress bytes: Compute Engine "bytes" rows are known (egress) -> kWh per byte of them.
    double ingressKwh = egressKwh / (8 * GIB) * (2 * GIB);
    // Cloud Run seconds: no known Cloud Run rows -> kWh per second of every known "seconds" row (the N2 row).
    double runKwh = n2Kwh / 7200 * 1800;
    // Requests: no known row has that unit -> kWh per cost of all known rows (CCF would give 0 here).
    double opsKwh = (egressKwh + n2Kwh) / (1.0 + 3.0) * 0.25;
    assertThat(group(r, "unknown", "Compute Engine").kwh()).isCloseTo(ingressKwh, within(1e-12));
    assertThat(group(r, "unknown", "Cloud Run").kwh()).isCloseTo(runKwh, within(1e-12));
    assertThat(group(r, "unknown", "Cloud Storage").kwh()).isCloseTo(opsKwh, within(1e-12));
    assertThat(group(r, "unknown", "Cloud Storage").co2eKg()).isCloseTo(opsKwh * CCF.gridKgPerKwh(GCP, "us"),
        within(1e-12));
    assertThat(r.unknownEstimates()).extracting(UnknownEstimate::service, UnknownEstimate::basis).containsExactly(
        org.assertj.core.groups.Tuple.tuple("Cloud Run", UnknownEstimate.Basis.SAME_UNIT),
        org.assertj.core.groups.Tuple.tuple("Cloud Storage", UnknownEstimate.Basis.COST),
        org.assertj.core.groups.Tuple.tuple("Compute Engine", UnknownEstimate.Basis.SAME_SERVICE_AND_UNIT));
    assertThat(r.accounting().unknown()).isEqualTo(3);
    assertThat(r.accounting().reasons()).containsEntry("unknown: service Cloud Run", 1L)
        .containsEntry("unknown: usage unit requests", 1L)
        .containsEntry("unknown: bytes of a usage type that is not egress", 1L);
  }

  @Test
  void ignoredAndUnsupportedRowsAreCountedWithTheirReasons() {
    for (BillingExportFixture.Sku s : BillingExportFixture.CATALOGUE) {
      table.add(row(DAY, "p", s, s.unitScale() * 2, s.costType().equals("regular") ? 1.0 : -0.5));
    }
    BillingExportResult r = syncByClass();

    long expectedIgnored = BillingExportFixture.CATALOGUE.stream().filter(s -> s.expectedClass().equals("ignored")).count();
    long expectedUnsupported =
        BillingExportFixture.CATALOGUE.stream().filter(s -> s.expectedClass().equals("unsupported")).count();
    assertThat(r.accounting().read()).isEqualTo(BillingExportFixture.CATALOGUE.size());
    assertThat(r.accounting().ignored()).isEqualTo(expectedIgnored);
    assertThat(r.accounting().unsupported()).isEqualTo(expectedUnsupported);
    assertThat(r.accounting().reasons())
        .containsEntry("ignored: cost type tax", 1L)
        .containsEntry("ignored: cost type adjustment", 1L)
        .containsEntry("ignored: cost type rounding_error", 1L)
        .containsEntry("unsupported: usage type contains 'Fee'", 1L)
        .containsEntry("unsupported: usage unit 'count'", 1L);
    assertThat(group(r, "ignored").rows()).isEqualTo(expectedIgnored);
    assertThat(group(r, "ignored").kwh()).isZero();
    assertThat(group(r, "unsupported").co2eKg()).isZero();
    // Every catalogue row lands in the class the catalogue says.
    Map<String, Long> byClass = BillingExportFixture.CATALOGUE.stream()
        .collect(Collectors.groupingBy(BillingExportFixture.Sku::expectedClass, Collectors.counting()));
    byClass.forEach((cls, n) -> assertThat(group(r, cls).rows()).as(cls).isEqualTo(n));
  }

  @Test
  void reRunSkipsCountedDaysAndARestatedDaySupersedes() {
    table.addAll(BillingExportFixture.generate(3, 48, DAY, 3));
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    GcpBillingExportConnector c = connector().groupBy(List.of(GcpGroupKey.DAY, GcpGroupKey.CLASS)).build();
    BillingExportResult first = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(first.accounting().read()).isEqualTo(48);
    assertThat(first.partitions()).extracting(PartitionOutcome::status).containsOnly(PartitionOutcome.Status.COUNTED);

    BillingExportResult again = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(again.accounting().read()).isZero();
    assertThat(again.totalKwh()).isZero();

    String day2 = DAY.plusDays(1).toString();
    int idx = 0;
    while (!table.rows().get(idx).get("usage_day").equals(day2) || !"compute".equals(classOf(table.rows().get(idx)))) {
      idx++;
    }
    table.set(idx, "usage_amount", "36000.0");
    BillingExportResult restated = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(restated.partitions()).filteredOn(p -> p.status() != PartitionOutcome.Status.SKIPPED_ALREADY_COUNTED)
        .singleElement().satisfies(p -> {
          assertThat(p.partition()).isEqualTo(day2);
          assertThat(p.status()).isEqualTo(PartitionOutcome.Status.SUPERSEDED);
        });
    // The superseding numbers are exactly those of the restated day read on its own.
    ExportTableFixture onlyDay2 = BillingExportFixture.table();
    table.rows().stream().filter(row -> row.get("usage_day").equals(day2)).forEach(onlyDay2::add);
    fake.table(onlyDay2);
    BillingExportResult fresh = c.sync(SyncContext.builder().build());
    assertThat(restated.groups()).isEqualTo(fresh.groups());
    assertThat(restated.accounting()).isEqualTo(fresh.accounting());
  }

  private static String classOf(Map<String, String> row) {
    for (BillingExportFixture.Sku s : BillingExportFixture.CATALOGUE) {
      if (s.sku().equals(row.get("sku_description")) && s.costType().equals(row.get("cost_type"))) {
        return s.expectedClass();
      }
    }
    return "";
  }

  @Test
  void daysAreSentAsQueryParametersAndOnlyNeededColumnsAreSelected() {
    table.addAll(BillingExportFixture.generate(1, 10, DAY, 2));
    connector().build().sync(SyncContext.builder().build());

    var requests = fake.queryRequests();
    assertThat(requests.get(0).path("query").asText()).contains("BETWEEN @first_day AND @last_day")
        .doesNotContain(DAY.toString());
    assertThat(requests.get(0).path("queryParameters")).extracting(p -> p.path("name").asText() + "="
        + p.path("parameterType").path("type").asText() + ":" + p.path("parameterValue").path("value").asText())
        .containsExactly("first_day=DATE:2025-03-10", "last_day=DATE:2025-04-09");
    String read = requests.get(1).path("query").asText();
    assertThat(read).contains("IN UNNEST(@days)").doesNotContain("SELECT *").doesNotContain("credits")
        .contains("usage.amount AS usage_amount", "usage.unit AS usage_unit", "sku.description AS sku_description",
            "cost_type AS cost_type");
  }

  @Test
  void malformedUsageAmountNamesTheColumnAndValueAndCommitsNothing() {
    table.addAll(BillingExportFixture.generate(5, 12, DAY, 1));
    table.set(7, "usage_amount", "n/a");
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    assertThatThrownBy(() -> connector().build().sync(SyncContext.builder().stateStore(store).build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CloudErrorCode.INVALID_BILL);
          assertThat(e.getMessage()).contains(TABLE).contains("row 8 ").contains("usage day 2025-03-10")
              .contains("column usage.amount").contains("'n/a'");
        });
    assertThat(store.list(GcpBillingExportConnector.DEFAULT_ID)).isEmpty();
  }

  @Test
  void aRateLimitedQueryIsRetriedByTheClient() {
    table.addAll(BillingExportFixture.generate(2, 6, DAY, 1));
    // What BigQuery answers when a project runs too many queries at once; the client retries on its message.
    fake.server().stubFor(WireMock.post(WireMock.urlPathMatching("/bigquery/v2/projects/.*/queries")).atPriority(1)
        .inScenario("rate limit").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
        .willReturn(WireMock.aResponse().withStatus(403).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"code\":403,\"message\":\"Exceeded rate limits: too many concurrent queries for "
                + "this project\",\"errors\":[{\"reason\":\"rateLimitExceeded\"}]}}")));
    BillingExportResult r = connector().build().sync(SyncContext.builder().build());

    assertThat(r.accounting().read()).isEqualTo(6);
    assertThat(fake.requestLines().stream().filter(l -> l.startsWith("POST")).count()).isEqualTo(3); // 403, summary, read
  }

  @Test
  void aServerErrorWhilePagingIsAClearRetryableErrorAndTheReRunCountsEveryRowOnce() {
    table.addAll(BillingExportFixture.generate(2, 12, DAY, 1)); // 3 pages of 5
    // With retries off (BigQueryRetryTest covers them) a 5xx of tabledata.list fails the sync: it must fail
    // cleanly, commit nothing, and a re-run must recover.
    fake.server().stubFor(WireMock.get(WireMock.urlPathMatching("/bigquery/v2/projects/.*/data"))
        .withQueryParam("pageToken", WireMock.equalTo("2")).atPriority(1)
        .inScenario("outage").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
        .willReturn(WireMock.aResponse().withStatus(503).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"code\":503,\"message\":\"Backend error\",\"errors\":[{\"reason\":\"backendError\"}]}}")));
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    GcpBillingExportConnector c = connector().retry(GcpRetryPolicy.none()).build();
    assertThatThrownBy(() -> c.sync(SyncContext.builder().stateStore(store).build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CloudErrorCode.SOURCE_UNREADABLE);
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains(TABLE).contains("read of 1 days").contains("HTTP 503");
        });
    assertThat(store.list(c.id())).isEmpty();

    BillingExportResult r = c.sync(SyncContext.builder().stateStore(store).build());
    assertThat(r.accounting().read()).isEqualTo(12);
    assertThat(store.list(c.id())).singleElement().satisfies(cp -> assertThat(cp.rows()).isEqualTo(12));
  }

  @Test
  void aPersistentServerErrorIsAClearRetryableError() {
    fake.server().stubFor(WireMock.post(WireMock.urlPathMatching("/bigquery/v2/projects/.*/queries")).atPriority(1)
        .willReturn(WireMock.aResponse().withStatus(500).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"code\":500,\"message\":\"Internal error\",\"errors\":[{\"reason\":\"internalError\"}]}}")));
    GcpBillingExportConnector c = GcpBillingExportConnector.builder()
        .bigQuery(fake.client()).table(TABLE).days(DAY, DAY).retry(FAST).build();
    assertThatThrownBy(() -> c.sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CloudErrorCode.SOURCE_UNREADABLE);
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains(TABLE).contains("partition summary query").contains("HTTP 500")
              .contains("after " + FAST.maxAttempts() + " attempts");
        });
  }

  @Test
  void aMissingTableIsAConfigurationErrorNamingIt() {
    fake.server().stubFor(WireMock.post(WireMock.urlPathMatching("/bigquery/v2/projects/.*/queries")).atPriority(1)
        .willReturn(WireMock.aResponse().withStatus(404).withHeader("Content-Type", "application/json")
            .withBody("{\"error\":{\"code\":404,\"message\":\"Not found: Table " + TABLE + "\","
                + "\"errors\":[{\"reason\":\"notFound\"}]}}")));
    assertThatThrownBy(() -> connector().build().sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(io.offgridflow.CoreErrorCode.INVALID_CONFIGURATION);
          assertThat(e.isRetryable()).isFalse();
          assertThat(e.getMessage()).contains("HTTP 404").contains("check the table id");
        });
  }

  @Test
  void aRangeWithNoRowsReadsNothingAndBalances() {
    BillingExportResult r = connector().build().sync(SyncContext.builder().build());

    assertThat(r.partitions()).isEmpty();
    assertThat(r.groups()).isEmpty();
    assertThat(r.accounting().read()).isZero();
    assertThat(fake.queryRequests()).hasSize(1); // the summary only: no read query for zero partitions
  }

  @Test
  void theBuilderNamesWhatIsMissing() {
    assertThatThrownBy(() -> GcpBillingExportConnector.builder().bigQuery(fake.client()).table(TABLE).build())
        .isInstanceOf(OffGridFlowException.class).hasMessageContaining("days(first, last) is required");
    assertThatThrownBy(() -> GcpBillingExportConnector.builder().days(DAY, DAY.minusDays(1)))
        .isInstanceOf(OffGridFlowException.class).hasMessageContaining("ends before it starts");
    assertThatThrownBy(() -> GcpBillingExportConnector.builder().bigQuery(fake.client())
        .table("p.d.t`; DROP TABLE x; --").days(DAY, DAY).build())
        .isInstanceOf(OffGridFlowException.class).hasMessageContaining("is not project.dataset.table");
  }

  @Test
  void checkpointsOfOneSyncAreStoredTogetherAndAStoreFailureIsNamed() {
    table.addAll(BillingExportFixture.generate(6, 20, DAY, 3));
    List<Integer> batches = new ArrayList<>();
    io.offgridflow.cloud.spi.ConnectorStateStore failing = new io.offgridflow.cloud.spi.ConnectorStateStore() {
      @Override
      public java.util.Optional<io.offgridflow.cloud.spi.Checkpoint> find(String connectorId, String sourceKey) {
        return java.util.Optional.empty();
      }

      @Override
      public void put(io.offgridflow.cloud.spi.Checkpoint checkpoint) {
        throw new AssertionError("checkpoints of a sync go through putAll");
      }

      @Override
      public void putAll(java.util.Collection<io.offgridflow.cloud.spi.Checkpoint> checkpoints) {
        batches.add(checkpoints.size());
        throw new IllegalStateException("database is read-only");
      }

      @Override
      public List<io.offgridflow.cloud.spi.Checkpoint> list(String connectorId) {
        return List.of();
      }
    };
    assertThatThrownBy(() -> connector().build().sync(SyncContext.builder().stateStore(failing).build()))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CloudErrorCode.STATE_STORE_FAILURE);
          assertThat(e.isRetryable()).isTrue();
          assertThat(e.getMessage()).contains(TABLE).contains("database is read-only");
        });
    assertThat(batches).containsExactly(3); // one batch holding the three days
  }

  @Test
  void cancellationMidReadCommitsNothing() {
    table.addAll(BillingExportFixture.generate(9, 600, DAY, 2));
    fake.pageSize(100);
    Cancellation cancel = new Cancellation();
    List<SyncProgress> seen = new ArrayList<>();
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    SyncContext ctx = SyncContext.builder().stateStore(store).cancellation(cancel).clock(new TickingClock())
        .progress(p -> {
          seen.add(p);
          cancel.cancel();
        }).build();

    assertThatThrownBy(() -> connector().build().sync(ctx))
        .isInstanceOfSatisfying(OffGridFlowException.class, e -> {
          assertThat(e.code()).isEqualTo(CloudErrorCode.SYNC_CANCELLED);
          assertThat(e.getMessage()).contains("after 512 rows");
        });
    assertThat(seen).singleElement().satisfies(p -> {
      assertThat(p.rows()).isEqualTo(256);
      assertThat(p.rowsPerSecond()).isPositive();
    });
    assertThat(store.list(GcpBillingExportConnector.DEFAULT_ID)).isEmpty();
  }

  @Test
  void progressEndsWithEveryRowRead() {
    table.addAll(BillingExportFixture.generate(4, 30, DAY, 2));
    List<SyncProgress> seen = new ArrayList<>();
    connector().build().sync(SyncContext.builder().progress(seen::add).clock(new TickingClock()).build());
    assertThat(seen).last().satisfies(p -> {
      assertThat(p.rows()).isEqualTo(30);
      assertThat(p.source()).isEqualTo(TABLE);
    });
  }

  /** A clock that moves one second every time it is read: progress reports and rates without waiting. */
  static final class TickingClock extends Clock {
    private long seconds;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public synchronized Instant instant() {
      return Instant.ofEpochSecond(1_700_000_000L + seconds++);
    }
  }
}
