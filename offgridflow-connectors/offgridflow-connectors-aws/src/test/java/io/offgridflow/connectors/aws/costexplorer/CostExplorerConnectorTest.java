package io.offgridflow.connectors.aws.costexplorer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.aws.CostExplorerConnector;
import io.offgridflow.connectors.aws.CostExplorerResult;
import io.offgridflow.connectors.aws.CurConnector;
import io.offgridflow.connectors.aws.CurGroup;
import io.offgridflow.connectors.aws.CurResult;
import io.offgridflow.connectors.aws.GroupKey;
import io.offgridflow.connectors.aws.SourceOutcome;
import io.offgridflow.connectors.aws.internal.CostExplorerServices;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.Granularity;

/**
 * Cost Explorer through the real SDK client against WireMock (Cost Explorer has no emulator):
 * pagination, SDK retry on throttling, bad payloads, checkpoints; and the estimates equal those of
 * the CUR path for CUR rows of the same shape.
 */
class CostExplorerConnectorTest {
  static final String TARGET = "X-Amz-Target";
  static final String COST_AND_USAGE = "AWSInsightsIndexService.GetCostAndUsage";
  static final LocalDate JAN = LocalDate.parse("2025-01-01");
  static final LocalDate MAR = LocalDate.parse("2025-03-01");
  static final List<GroupKey> KEYS = List.of(GroupKey.CLASS, GroupKey.SERVICE, GroupKey.REGION, GroupKey.MONTH);

  static WireMockServer wm;
  static CostExplorerClient ce;

  /** One Cost Explorer group: what the stub returns and what the equivalent CUR row holds. */
  record Usage(String month, String region, String service, String usageType, String amount, String unit,
      String cost) {
    String json() {
      return "{\"Keys\":[\"" + service + "\",\"" + usageType + "\"],\"Metrics\":{\"UsageQuantity\":{\"Amount\":\""
          + amount + "\",\"Unit\":\"" + unit + "\"},\"UnblendedCost\":{\"Amount\":\"" + cost + "\",\"Unit\":\"USD\"}}}";
    }

    String curRow() {
      return "Usage," + month + "-15T00:00:00Z,111111111111," + CostExplorerServices.productCode(service) + ","
          + usageType + "," + amount + "," + cost + "," + unit + "," + region + ",\n";
    }
  }

  static final Usage EC2_JAN = new Usage("2025-01", "us-east-1", "Amazon Elastic Compute Cloud - Compute",
      "USE1-BoxUsage:m5.large", "744", "Hrs", "71.424");
  static final Usage EBS_JAN = new Usage("2025-01", "us-east-1", "EC2 - Other", "USE1-EBS:VolumeUsage.gp2", "500",
      "GB-Mo", "50");
  static final Usage NET_JAN = new Usage("2025-01", "us-east-1", "EC2 - Other", "USE1-DataTransfer-Out-Bytes", "120",
      "GB", "10.8");
  static final Usage CDN_JAN = new Usage("2025-01", "us-east-1", "Amazon CloudFront", "US-DataTransfer-Out-Bytes",
      "40", "GB", "3.4");
  static final Usage SOFTWARE_JAN = new Usage("2025-01", "us-east-1", "Amazon Elastic Compute Cloud - Compute",
      "USE1-SoftwareUsage:m5.large", "744", "Hrs", "20");
  static final Usage EC2_FEB = new Usage("2025-02", "us-east-1", "Amazon Elastic Compute Cloud - Compute",
      "USE1-BoxUsage:m5.large", "672", "Hrs", "64.512");
  static final Usage S3_FEB = new Usage("2025-02", "us-east-1", "Amazon Simple Storage Service",
      "USE1-TimedStorage-ByteHrs", "1000", "GB-Mo", "23");
  static final Usage RDS_JAN = new Usage("2025-01", "eu-west-1", "Amazon Relational Database Service",
      "EU-InstanceUsage:db.r5.large", "744", "Hrs", "180");
  static final Usage LAMBDA_FEB = new Usage("2025-02", "eu-west-1", "AWS Lambda", "EU-Lambda-GB-Second", "360000",
      "Lambda-GB-Second", "6");
  static final List<Usage> ALL = List.of(EC2_JAN, EBS_JAN, NET_JAN, CDN_JAN, SOFTWARE_JAN, EC2_FEB, S3_FEB, RDS_JAN,
      LAMBDA_FEB);

  @BeforeAll
  static void start() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    ce = CostExplorerClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + wm.port()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test-key", "test-secret")))
        .build();
  }

  @AfterAll
  static void stop() {
    ce.close();
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
  }

  static String page(String nextToken, Map<String, List<Usage>> byMonth) {
    StringBuilder sb = new StringBuilder("{\"GroupDefinitions\":[{\"Type\":\"DIMENSION\",\"Key\":\"SERVICE\"},"
        + "{\"Type\":\"DIMENSION\",\"Key\":\"USAGE_TYPE\"}],\"ResultsByTime\":[");
    String[][] months = {{"2025-01", "2025-01-01", "2025-02-01"}, {"2025-02", "2025-02-01", "2025-03-01"}};
    for (int m = 0; m < months.length; m++) {
      List<String> groups = new ArrayList<>();
      for (Usage u : byMonth.getOrDefault(months[m][0], List.of())) {
        groups.add(u.json());
      }
      sb.append(m == 0 ? "" : ",").append("{\"TimePeriod\":{\"Start\":\"").append(months[m][1])
          .append("\",\"End\":\"").append(months[m][2]).append("\"},\"Total\":{},\"Groups\":[")
          .append(String.join(",", groups)).append("],\"Estimated\":false}");
    }
    sb.append("],\"DimensionValueAttributes\":[]");
    if (nextToken != null) {
      sb.append(",\"NextPageToken\":\"").append(nextToken).append('"');
    }
    return sb.append('}').toString();
  }

  static MappingBuilder costAndUsage(String region, String token) {
    MappingBuilder m = post(urlEqualTo("/")).withHeader(TARGET, equalTo(COST_AND_USAGE))
        .withRequestBody(matchingJsonPath("$.Filter.And[0].Dimensions.Values[0]", equalTo(region)));
    return token == null ? m.withRequestBody(notContaining("NextPageToken"))
        : m.withRequestBody(matchingJsonPath("$.NextPageToken", equalTo(token)));
  }

  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  /** us-east-1 in three pages (January split over two), eu-west-1 in one; regions from GetDimensionValues. */
  static void stubAll(Usage febEc2) {
    wm.stubFor(post(urlEqualTo("/")).withHeader(TARGET, equalTo("AWSInsightsIndexService.GetDimensionValues"))
        .willReturn(json("{\"DimensionValues\":[{\"Value\":\"us-east-1\",\"Attributes\":{}},"
            + "{\"Value\":\"eu-west-1\",\"Attributes\":{}}],\"ReturnSize\":2,\"TotalSize\":2}")));
    wm.stubFor(costAndUsage("us-east-1", null).willReturn(json(page("p2", Map.of("2025-01", List.of(EC2_JAN, EBS_JAN))))));
    wm.stubFor(costAndUsage("us-east-1", "p2").willReturn(json(page("p3",
        Map.of("2025-01", List.of(NET_JAN, CDN_JAN, SOFTWARE_JAN))))));
    wm.stubFor(costAndUsage("us-east-1", "p3").willReturn(json(page(null, Map.of("2025-02", List.of(febEc2, S3_FEB))))));
    wm.stubFor(costAndUsage("eu-west-1", null).willReturn(json(page(null,
        Map.of("2025-01", List.of(RDS_JAN), "2025-02", List.of(LAMBDA_FEB))))));
  }

  static CostExplorerConnector connector() {
    return CostExplorerConnector.builder().client(ce).period(JAN, MAR).granularity(Granularity.MONTHLY).groupBy(KEYS)
        .build();
  }

  static Map<List<String>, CurGroup> byKey(List<CurGroup> groups) {
    Map<List<String>, CurGroup> m = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    for (CurGroup g : groups) {
      m.put(g.key(), g);
    }
    return m;
  }

  @Test
  void pagesAreFollowedAndEstimatesEqualTheCurPathForRowsOfTheSameShape(@TempDir Path dir) throws IOException {
    stubAll(EC2_FEB);
    CostExplorerResult r = connector().sync(SyncContext.builder().build());

    StringBuilder csv = new StringBuilder("lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageAccountId,"
        + "lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/UnblendedCost,pricing/unit,"
        + "product/region,product/vcpu\n");
    for (Usage u : ALL) {
      csv.append(u.curRow());
    }
    Path cur = Files.writeString(dir.resolve("same-usage.csv"), csv);
    CurResult viaCur = CurConnector.builder().file(cur).groupBy(KEYS).build().sync(SyncContext.builder().build());

    assertThat(r.accounting()).isEqualTo(viaCur.accounting());
    assertThat(r.accounting().read()).isEqualTo(ALL.size());
    assertThat(r.accounting().unknown()).isEqualTo(1);
    assertThat(r.accounting().unsupported()).isEqualTo(1);
    Map<List<String>, CurGroup> expected = byKey(viaCur.groups());
    Map<List<String>, CurGroup> actual = byKey(r.groups());
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    expected.forEach((k, e) -> {
      CurGroup a = actual.get(k);
      assertThat(a.rows()).as("%s rows", k).isEqualTo(e.rows());
      assertThat(a.kwh()).as("%s kWh", k).isCloseTo(e.kwh(), within(1e-9 * Math.max(1, e.kwh())));
      assertThat(a.co2eKg()).as("%s kg", k).isCloseTo(e.co2eKg(), within(1e-9 * Math.max(1, e.co2eKg())));
    });
    assertThat(r.totalKwh()).isPositive().isCloseTo(viaCur.totalKwh(), within(1e-9 * viaCur.totalKwh()));

    assertThat(r.periods()).extracting(SourceOutcome::source).containsExactly("2025-01-01/2025-02-01",
        "2025-02-01/2025-03-01");
    assertThat(r.periods()).extracting(SourceOutcome::rows).containsExactly(6L, 3L);
    assertThat(r.requests()).isEqualTo(1 + 3 + 1);
    wm.verify(3, postRequestedFor(urlEqualTo("/")).withHeader(TARGET, equalTo(COST_AND_USAGE))
        .withRequestBody(matchingJsonPath("$.Filter.And[0].Dimensions.Values[0]", equalTo("us-east-1"))));
    wm.verify(postRequestedFor(urlEqualTo("/")).withHeader(TARGET, equalTo(COST_AND_USAGE))
        .withRequestBody(matchingJsonPath("$.GroupBy[0].Key", equalTo("SERVICE")))
        .withRequestBody(matchingJsonPath("$.GroupBy[1].Key", equalTo("USAGE_TYPE")))
        .withRequestBody(matchingJsonPath("$.Metrics[0]", equalTo("UsageQuantity")))
        .withRequestBody(matchingJsonPath("$.Filter.And[1].Dimensions.Key", equalTo("RECORD_TYPE"))));
  }

  @Test
  void aRerunIsANoOpAndARevisedPeriodSupersedes() {
    stubAll(EC2_FEB);
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    CostExplorerResult first = connector().sync(SyncContext.builder().stateStore(store).build());
    assertThat(first.periods()).extracting(SourceOutcome::status).containsOnly(SourceOutcome.Status.COUNTED);

    CostExplorerResult again = connector().sync(SyncContext.builder().stateStore(store).build());
    assertThat(again.accounting().read()).isZero();
    assertThat(again.groups()).isEmpty();
    assertThat(again.periods()).extracting(SourceOutcome::status)
        .containsOnly(SourceOutcome.Status.SKIPPED_ALREADY_COUNTED);

    wm.resetAll();
    Usage revised = new Usage("2025-02", "us-east-1", EC2_FEB.service(), EC2_FEB.usageType(), "700", "Hrs", "67.2");
    stubAll(revised);
    CostExplorerResult third = connector().sync(SyncContext.builder().stateStore(store).build());
    assertThat(third.periods()).extracting(SourceOutcome::status)
        .containsExactly(SourceOutcome.Status.SKIPPED_ALREADY_COUNTED, SourceOutcome.Status.SUPERSEDED);
    assertThat(third.accounting().read()).isEqualTo(3);
    assertThat(store.list("aws-cost-explorer")).hasSize(2);
  }

  @Test
  void throttlingIsRetriedByTheSdk() {
    wm.stubFor(costAndUsage("us-east-1", null).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"))
        .willSetStateTo("recovered"));
    wm.stubFor(costAndUsage("us-east-1", null).inScenario("throttle").whenScenarioStateIs("recovered")
        .willReturn(json(page(null, Map.of("2025-01", List.of(EC2_JAN))))));

    CostExplorerResult r = CostExplorerConnector.builder().client(ce).period(JAN, MAR).regions(List.of("us-east-1"))
        .build().sync(SyncContext.builder().build());

    assertThat(r.accounting().read()).isEqualTo(1);
    assertThat(r.accounting().estimated()).isEqualTo(1);
    assertThat(r.totalKwh()).isPositive();
    wm.verify(2, postRequestedFor(urlEqualTo("/")).withHeader(TARGET, equalTo(COST_AND_USAGE)));
  }

  @Test
  void aBadAmountIsReportedWithPeriodGroupFieldAndValue() {
    Usage bad = new Usage("2025-01", "us-east-1", EC2_JAN.service(), EC2_JAN.usageType(), "7x4", "Hrs", "1");
    wm.stubFor(costAndUsage("us-east-1", null).willReturn(json(page(null, Map.of("2025-01", List.of(bad))))));
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    assertThatThrownBy(() -> CostExplorerConnector.builder().client(ce).period(JAN, MAR).regions(List.of("us-east-1"))
        .build().sync(SyncContext.builder().stateStore(store).build()))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.INVALID_BILL))
        .hasMessageContaining("region us-east-1")
        .hasMessageContaining("period 2025-01-01..2025-02-01, group [" + EC2_JAN.service() + ", "
            + EC2_JAN.usageType() + "]")
        .hasMessageContaining("field Metrics.UsageQuantity.Amount: value '7x4' is not a number");
    assertThat(store.list("aws-cost-explorer")).isEmpty();
  }

  @Test
  void aPayloadThatIsNotCostExplorerJsonFailsNamingTheRequest() {
    wm.stubFor(costAndUsage("us-east-1", null).willReturn(json("<html>proxy error</html>")));
    assertThatThrownBy(() -> CostExplorerConnector.builder().client(ce).period(JAN, MAR).regions(List.of("us-east-1"))
        .build().sync(SyncContext.builder().build()))
        .isInstanceOfSatisfying(OffGridFlowException.class,
            e -> assertThat(e.code()).isEqualTo(CloudErrorCode.SOURCE_UNREADABLE))
        .hasMessageContaining("Cost Explorer GetCostAndUsage (region us-east-1, 2025-01-01..2025-03-01, page 1)");
  }

  @Test
  void theBuilderRejectsWhatCostExplorerCannotGive() {
    assertThatThrownBy(() -> CostExplorerConnector.builder().client(ce).period(JAN, MAR)
        .groupBy(List.of(GroupKey.ACCOUNT)).build()).hasMessageContaining("account is not available");
    assertThatThrownBy(() -> CostExplorerConnector.builder().client(ce).period(JAN, MAR)
        .granularity(Granularity.HOURLY).build()).hasMessageContaining("use DAILY or MONTHLY");
    assertThatThrownBy(() -> CostExplorerConnector.builder().client(ce).period(MAR, JAN).build())
        .hasMessageContaining("is not before");
  }
}
