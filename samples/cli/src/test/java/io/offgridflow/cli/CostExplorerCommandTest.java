package io.offgridflow.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.aws.CostExplorerConnector;
import io.offgridflow.connectors.aws.CostExplorerResult;
import io.offgridflow.connectors.aws.CurGroup;
import io.offgridflow.connectors.aws.GroupKey;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
 * {@code cost-explorer} end to end: the CLI builds its own CostExplorerClient (default credentials
 * chain, here fed by the {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties, or
 * {@code --profile}) and is pointed at WireMock with {@code --endpoint-url}. Expected numbers come from
 * the connector run directly on the same stubs: the CLI must print and write exactly what it computes.
 */
class CostExplorerCommandTest {
  private static final String TARGET = "X-Amz-Target";
  private static final String COST_AND_USAGE = "AWSInsightsIndexService.GetCostAndUsage";
  private static final String DIMENSION_VALUES = "AWSInsightsIndexService.GetDimensionValues";
  private static final String KEY_ID = "sysprop-key";
  private static final Map<String, String> SAVED = new HashMap<>();

  private static WireMockServer wm;

  @TempDir Path dir;

  /** One Cost Explorer group as GetCostAndUsage returns it. */
  record Usage(String month, String service, String usageType, String amount, String unit, String cost) {
    String json() {
      return "{\"Keys\":[\"" + service + "\",\"" + usageType + "\"],\"Metrics\":{\"UsageQuantity\":{\"Amount\":\""
          + amount + "\",\"Unit\":\"" + unit + "\"},\"UnblendedCost\":{\"Amount\":\"" + cost + "\",\"Unit\":\"USD\"}}}";
    }
  }

  static final Usage EC2_JAN = new Usage("2025-01", "Amazon Elastic Compute Cloud - Compute", "USE1-BoxUsage:m5.large",
      "744", "Hrs", "71.424");
  static final Usage EBS_JAN = new Usage("2025-01", "EC2 - Other", "USE1-EBS:VolumeUsage.gp2", "500", "GB-Mo", "50");
  static final Usage NET_FEB = new Usage("2025-02", "EC2 - Other", "USE1-DataTransfer-Out-Bytes", "120", "GB", "10.8");
  static final Usage SOFTWARE_FEB = new Usage("2025-02", "Amazon Elastic Compute Cloud - Compute",
      "USE1-SoftwareUsage:m5.large", "672", "Hrs", "20");
  static final Usage RDS_JAN = new Usage("2025-01", "Amazon Relational Database Service",
      "EU-InstanceUsage:db.r5.large", "744", "Hrs", "180");
  /** us-east-1 in two pages, eu-west-1 in one. */
  static final List<Usage> US_PAGE_1 = List.of(EC2_JAN, EBS_JAN);
  static final List<Usage> US_PAGE_2 = List.of(NET_FEB, SOFTWARE_FEB);
  static final List<Usage> EU = List.of(RDS_JAN);
  static final int GROUPS = US_PAGE_1.size() + US_PAGE_2.size() + EU.size();

  @BeforeAll
  static void start() {
    wm = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    // The default credentials chain reads these system properties first: static credentials, no files.
    setProperty("aws.accessKeyId", KEY_ID);
    setProperty("aws.secretAccessKey", "sysprop-secret");
  }

  @AfterAll
  static void stop() {
    wm.stop();
    SAVED.forEach((k, v) -> {
      if (v == null) {
        System.clearProperty(k);
      } else {
        System.setProperty(k, v);
      }
    });
  }

  private static void setProperty(String key, String value) {
    SAVED.putIfAbsent(key, System.getProperty(key));
    System.setProperty(key, value);
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
  }

  @AfterEach
  void noLeftovers() {
    System.clearProperty("aws.sharedCredentialsFile");
    System.clearProperty("aws.configFile");
  }

  private static String endpoint() {
    return "http://127.0.0.1:" + wm.port();
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  private static MappingBuilder costAndUsage(String region, String token) {
    MappingBuilder m = post(urlEqualTo("/")).withHeader(TARGET, equalTo(COST_AND_USAGE))
        .withRequestBody(matchingJsonPath("$.Filter.And[0].Dimensions.Values[0]", equalTo(region)));
    return token == null ? m.withRequestBody(notContaining("NextPageToken"))
        : m.withRequestBody(matchingJsonPath("$.NextPageToken", equalTo(token)));
  }

  /** A GetCostAndUsage page with January and February results. */
  private static String page(String nextToken, List<Usage> groups) {
    StringBuilder sb = new StringBuilder("{\"GroupDefinitions\":[{\"Type\":\"DIMENSION\",\"Key\":\"SERVICE\"},"
        + "{\"Type\":\"DIMENSION\",\"Key\":\"USAGE_TYPE\"}],\"ResultsByTime\":[");
    String[][] months = {{"2025-01", "2025-01-01", "2025-02-01"}, {"2025-02", "2025-02-01", "2025-03-01"}};
    for (int m = 0; m < months.length; m++) {
      List<String> json = new ArrayList<>();
      for (Usage u : groups) {
        if (u.month().equals(months[m][0])) {
          json.add(u.json());
        }
      }
      sb.append(m == 0 ? "" : ",").append("{\"TimePeriod\":{\"Start\":\"").append(months[m][1])
          .append("\",\"End\":\"").append(months[m][2]).append("\"},\"Total\":{},\"Groups\":[")
          .append(String.join(",", json)).append("],\"Estimated\":false}");
    }
    sb.append("],\"DimensionValueAttributes\":[]");
    if (nextToken != null) {
      sb.append(",\"NextPageToken\":\"").append(nextToken).append('"');
    }
    return sb.append('}').toString();
  }

  private static void stubAll() {
    wm.stubFor(post(urlEqualTo("/")).withHeader(TARGET, equalTo(DIMENSION_VALUES))
        .willReturn(json("{\"DimensionValues\":[{\"Value\":\"us-east-1\",\"Attributes\":{}},"
            + "{\"Value\":\"eu-west-1\",\"Attributes\":{}}],\"ReturnSize\":2,\"TotalSize\":2}")));
    wm.stubFor(costAndUsage("us-east-1", null).willReturn(json(page("p2", US_PAGE_1))));
    wm.stubFor(costAndUsage("us-east-1", "p2").willReturn(json(page(null, US_PAGE_2))));
    wm.stubFor(costAndUsage("eu-west-1", null).willReturn(json(page(null, EU))));
  }

  /** The connector itself on the same stubs, with a client the test builds: what the CLI must report. */
  private static CostExplorerResult direct(List<GroupKey> keys) {
    try (CostExplorerClient ce = CostExplorerClient.builder().endpointOverride(URI.create(endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("direct", "direct")))
        .build()) {
      return CostExplorerConnector.builder().client(ce).period(LocalDate.parse("2025-01-01"),
          LocalDate.parse("2025-03-01")).granularity(Granularity.MONTHLY).groupBy(keys).build()
          .sync(SyncContext.builder().build());
    }
  }

  private static long costAndUsageRequests() {
    return wm.findAll(postRequestedFor(urlEqualTo("/")).withHeader(TARGET, equalTo(COST_AND_USAGE))).size();
  }

  @Test
  void writesOneColumnPerGroupKeyThenKwhCo2eAndRows() throws IOException {
    stubAll();
    Path out = dir.resolve("ce.csv");

    Cli.Result r = Cli.run("cost-explorer", "--start", "2025-01-01", "--end", "2025-03-01",
        "--group-by", "class,service,month", "--region", "us-east-1", "--endpoint-url", endpoint(),
        "--output", out.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(Cli.header(out)).isEqualTo("class,service,month,kwh,co2e_kg,rows");
    // GetDimensionValues, two us-east-1 pages, one eu-west-1 page; signed with the system-property key.
    assertThat(costAndUsageRequests()).isEqualTo(2 + 1);
    wm.verify(postRequestedFor(urlEqualTo("/")).withHeader("Authorization", containing("Credential=" + KEY_ID + "/")));
    wm.verify(postRequestedFor(urlEqualTo("/")).withHeader(TARGET, equalTo(COST_AND_USAGE))
        .withRequestBody(matchingJsonPath("$.Granularity", equalTo("MONTHLY")))
        .withRequestBody(matchingJsonPath("$.TimePeriod.Start", equalTo("2025-01-01")))
        .withRequestBody(matchingJsonPath("$.TimePeriod.End", equalTo("2025-03-01"))));

    List<Map<String, String>> rows = Cli.rows(out);
    CostExplorerResult expected = direct(List.of(GroupKey.CLASS, GroupKey.SERVICE, GroupKey.MONTH));
    assertThat(rows).hasSize(expected.groups().size());
    for (int i = 0; i < rows.size(); i++) {
      CurGroup g = expected.groups().get(i);
      Map<String, String> row = rows.get(i);
      assertThat(List.of(row.get("class"), row.get("service"), row.get("month"))).isEqualTo(g.key());
      assertThat(row.get("kwh")).isEqualTo(GroupReport.num(g.kwh()));
      assertThat(row.get("co2e_kg")).isEqualTo(GroupReport.num(g.co2eKg()));
      assertThat(row.get("rows")).isEqualTo(Long.toString(g.rows()));
    }
    // Every stubbed Cost Explorer group is accounted for, once (group rows may count one twice: an instance's
    // energy and its embodied share are separate classes, so the accounting line is the check).
    assertThat(r.out()).contains(String.format(Locale.ROOT, "Rows: read %d = estimated %d + unknown %d + unsupported"
        + " %d + ignored %d", GROUPS, expected.accounting().estimated(), expected.accounting().unknown(),
        expected.accounting().unsupported(), expected.accounting().ignored()));
  }

  @Test
  void printsTheGroupsTotalsAndAccountingWithoutOutput() {
    stubAll();

    Cli.Result r = Cli.run("cost-explorer", "--start", "2025-01-01", "--end", "2025-03-01",
        "--granularity", "MONTHLY", "--group-by", "region", "--endpoint-url", endpoint());

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
    CostExplorerResult expected = direct(List.of(GroupKey.REGION));
    assertThat(r.out()).contains("region").contains("kWh").contains("kg CO2e");
    for (CurGroup g : expected.groups()) {
      assertThat(r.out()).containsPattern(g.key().get(0) + "\\s+" + String.format(Locale.ROOT, "%.6f", g.kwh())
          + "\\s+" + String.format(Locale.ROOT, "%.6f", g.co2eKg()) + "\\s+" + g.rows());
    }
    assertThat(r.out()).contains(String.format(Locale.ROOT, "Total: %.6f kWh, %.6f kg CO2e (%s)", expected.totalKwh(),
        expected.totalCo2eKg(), expected.methodology()));
    assertThat(r.out()).contains("Periods: 2 {COUNTED=2}; Cost Explorer requests: " + (1 + 2 + 1));
  }

  @Test
  void profileCredentialsReplaceTheDefaultChain() throws IOException {
    stubAll();
    Path credentials = Files.writeString(dir.resolve("credentials"),
        "[billing]\naws_access_key_id = profile-key\naws_secret_access_key = profile-secret\n");
    Path config = Files.writeString(dir.resolve("config"), "");
    // Where the SDK looks for the shared files (instead of ~/.aws), as AWS_SHARED_CREDENTIALS_FILE would say.
    System.setProperty("aws.sharedCredentialsFile", credentials.toString());
    System.setProperty("aws.configFile", config.toString());

    Cli.Result r = Cli.run("cost-explorer", "--start", "2025-01-01", "--end", "2025-03-01", "--profile", "billing",
        "--usage-region", "eu-west-1", "--endpoint-url", endpoint());

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.OK);
    wm.verify(postRequestedFor(urlEqualTo("/")).withHeader("Authorization", containing("Credential=profile-key/")));
    wm.verify(0, postRequestedFor(urlEqualTo("/")).withHeader("Authorization", containing("Credential=" + KEY_ID)));
    // --usage-region replaces the GetDimensionValues lookup: one query, for eu-west-1 only.
    wm.verify(0, postRequestedFor(urlEqualTo("/")).withHeader(TARGET, equalTo(DIMENSION_VALUES)));
    assertThat(costAndUsageRequests()).isEqualTo(1);
    assertThat(r.out()).contains("Rows: read " + EU.size() + " ");
  }

  @Test
  void aBadDateIsAUsageErrorNamingTheOptionAndValue() {
    Cli.Result r = Cli.run("cost-explorer", "--start", "2025-13-01", "--end", "2025-03-01", "--endpoint-url",
        endpoint());

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--start").contains("2025-13-01").contains("YYYY-MM-DD");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void anEndNotAfterTheStartAndAnUnknownGranularityAreUsageErrors() {
    Cli.Result backwards = Cli.run("cost-explorer", "--start", "2025-03-01", "--end", "2025-03-01",
        "--endpoint-url", endpoint());
    assertThat(backwards.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(backwards.err()).contains("--start 2025-03-01 is not before --end 2025-03-01").contains("exclusive");

    Cli.Result hourly = Cli.run("cost-explorer", "--start", "2025-01-01", "--end", "2025-03-01",
        "--granularity", "hourly", "--endpoint-url", endpoint());
    assertThat(hourly.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(hourly.err()).contains("--granularity").contains("'hourly'").contains("daily or monthly");

    Cli.Result account = Cli.run("cost-explorer", "--start", "2025-01-01", "--end", "2025-03-01",
        "--group-by", "service,account", "--endpoint-url", endpoint());
    assertThat(account.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(account.err()).contains("account is not available");

    Cli.Result dayMonthly = Cli.run("cost-explorer", "--start", "2025-01-01", "--end", "2025-03-01",
        "--group-by", "day", "--endpoint-url", endpoint());
    assertThat(dayMonthly.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(dayMonthly.err()).contains("day needs granularity DAILY");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void aServiceErrorNamesTheOperationAndStatus() {
    wm.stubFor(costAndUsage("us-east-1", null).willReturn(aResponse().withStatus(403)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody("{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:iam::111111111111:user/ci is not"
            + " authorized to perform: ce:GetCostAndUsage\"}")));

    Cli.Result r = Cli.run("cost-explorer", "--start", "2025-01-01", "--end", "2025-03-01",
        "--usage-region", "us-east-1", "--endpoint-url", endpoint());

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Cost Explorer GetCostAndUsage (region us-east-1, 2025-01-01..2025-03-01, page 1)")
        .contains("Status Code: 403").contains("not authorized to perform: ce:GetCostAndUsage");
    assertThat(r.out()).doesNotContain("Total:");
  }

  @Test
  void aMalformedAmountExitsWithOneNamingPeriodGroupAndValue() {
    Usage bad = new Usage("2025-01", EC2_JAN.service(), EC2_JAN.usageType(), "7x4", "Hrs", "1");
    wm.stubFor(costAndUsage("us-east-1", null).willReturn(json(page(null, List.of(bad)))));
    Path out = dir.resolve("never.csv");

    Cli.Result r = Cli.run("cost-explorer", "--start", "2025-01-01", "--end", "2025-03-01",
        "--usage-region", "us-east-1", "--endpoint-url", endpoint(), "--output", out.toString());

    assertThat(r.exit()).isEqualTo(ExitCodes.ROWS_FAILED);
    assertThat(r.err()).contains("period 2025-01-01..2025-02-01").contains(EC2_JAN.usageType())
        .contains("value '7x4' is not a number");
    assertThat(out).doesNotExist();
  }
}
