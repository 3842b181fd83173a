package io.offgridflow.connectors.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.cloud.CcfDataset;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudProvider;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.cloud.internal.SimpleCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hand-written CUR whose every number is derived here from CCF's published coefficients
 * (provider_constants.csv: AWS PUE 1.135, utilisation 50 %, SSD 1.2 / HDD 0.65 Wh per TB-hour,
 * network 0.001 kWh/GB, memory 0.000392 kWh/GB-hour; region_factors.csv; aws_instance_types.csv).
 */
class CurEstimatesTest {
  static final CcfDataset CCF = CcfDataset.load();
  static final double PUE = 1.135;
  static final double US_EAST_1 = 0.379069;
  static final double EU_WEST_1 = 0.2786;
  static final double US_WEST_2 = 0.322167;
  static final String HEADER = "lineItem/LineItemType,lineItem/UsageStartDate,lineItem/UsageAccountId,"
      + "lineItem/ProductCode,lineItem/UsageType,lineItem/UsageAmount,lineItem/BlendedCost,pricing/unit,"
      + "product/region,product/vcpu,lineItem/LineItemDescription\n";
  static final String ROWS = ""
      + "Usage,2025-01-03T00:00:00Z,111111111111,AmazonEC2,USE1-BoxUsage:m5.large,10,0.96,Hrs,us-east-1,2,\"m5, 10 h\"\n"
      + "Usage,2025-01-03T00:00:00Z,111111111111,AmazonEC2,USE1-BoxUsage:t3.medium,10,0.416,Hrs,us-east-1,,\n"
      + "Usage,2025-01-03T00:00:00Z,111111111111,AmazonEC2,EU-EBS:VolumeUsage.gp3,100,8,GB-Mo,eu-west-1,,\n"
      + "Usage,2025-02-03T00:00:00Z,222222222222,AmazonS3,USE1-TimedStorage-ByteHrs,1000,23,GB-Mo,us-east-1,,\n"
      + "Usage,2025-01-03T00:00:00Z,222222222222,AmazonS3,USW2-DataTransfer-Out-Bytes,50,4.5,GB,us-west-2,,\n"
      + "Usage,2025-01-03T00:00:00Z,222222222222,AWSLambda,USE1-Lambda-GB-Second,3600,0.06,Lambda-GB-Second,us-east-1,,\n"
      + "Usage,2025-01-03T00:00:00Z,111111111111,AmazonEC2,USE1-NatGateway-Hours,100,4.5,Hrs,us-east-1,,\n"
      + "Usage,2025-01-03T00:00:00Z,222222222222,AmazonS3,USE1-Requests-Tier1,1000,0.005,Requests,us-east-1,,\n"
      + "Usage,2025-01-03T00:00:00Z,222222222222,AmazonCloudFront,US-DataTransfer-Out-Bytes,20,1.7,GB,,,\n"
      + "Tax,2025-01-03T00:00:00Z,111111111111,AmazonEC2,,0,1.5,,,,\"Tax, VAT\"\n"
      + "Credit,2025-01-03T00:00:00Z,111111111111,AmazonEC2,,0,-5,,,,\n"
      + "RIFee,2025-01-03T00:00:00Z,111111111111,AmazonEC2,USE1-HeavyUsage:m5.large,744,44,Hrs,us-east-1,,\n";

  static Path file;
  static CurResult byClass;

  @BeforeAll
  static void run(@TempDir Path dir) throws IOException {
    file = dir.resolve("cur.csv");
    Files.writeString(file, HEADER + ROWS);
    byClass = CurConnector.builder().file(file).groupBy(List.of(GroupKey.CLASS)).build()
        .sync(SyncContext.builder().build());
  }

  static Map<String, CurGroup> classes(CurResult r) {
    return r.groups().stream().collect(Collectors.toMap(g -> g.key().get(0), g -> g));
  }

  // m5.large: Skylake 0.65 / 4.26 W; 2 vCPU x 10 h = 20 vCPU-h
  static final double M5_COMPUTE = (0.65 + 0.5 * (4.26 - 0.65)) * 20 * PUE / 1000;
  // t3.medium: Cascade Lake 0.64 / 3.97 W, burstable 20 % baseline: 2 vCPU x 20 / 50 = 0.8 vCPU-h per hour, 10 h
  static final double T3_COMPUTE = (0.64 + 0.5 * (3.97 - 0.64)) * 8 * PUE / 1000;
  // Lambda: 3600 GB-s treated as vCPU-seconds = 1 vCPU-h at AWS default 0.74 / 3.5 W
  static final double LAMBDA = (0.74 + 0.5 * (3.5 - 0.74)) * 1 * PUE / 1000;

  static double m5MemoryKwh() {
    // m5.large extra memory from CCF's own evaluation (aws_instance_types.csv ccf_eval column), 10 instance-hours
    SimpleCsv t = SimpleCsv.resource("aws_instance_types.csv");
    for (String[] r : t.rows()) {
      if (t.get(r, "instance_type").equals("m5.large") && t.get(r, "table").equals("EC2")) {
        return t.num(r, "ccf_eval_memory_gb_hours_per_instance_hour") * 10 * 0.000392 * PUE;
      }
    }
    throw new AssertionError("m5.large missing");
  }

  @Test
  void computeIsInstanceWattsBurstableBaselineAndLambdaSeconds() {
    CurGroup compute = classes(byClass).get("compute");
    assertThat(compute.kwh()).isCloseTo(M5_COMPUTE + T3_COMPUTE + LAMBDA, within(1e-12));
    assertThat(compute.co2eKg()).isCloseTo((M5_COMPUTE + T3_COMPUTE + LAMBDA) * US_EAST_1, within(1e-12));
    assertThat(compute.rows()).isEqualTo(3);
  }

  @Test
  void memoryIsTheM5ExtraMemory() {
    assertThat(classes(byClass).get("memory").kwh()).isCloseTo(m5MemoryKwh(), within(1e-12));
  }

  @Test
  void embodiedScalesWithTheInstanceShareOfTheServer() {
    // m5: TE 1610.3792 kg, largest m5 96 vCPUs; 10 h x 2/96 of the server / 35040 h lifespan (t3 family TE 1610.3792, largest 8)
    double m5 = 1610.3792 * 10 / 35040 * 2 / 96;
    double t3 = 1610.3792 * 10 / 35040 * 2 / 8;
    assertThat(classes(byClass).get("embodied").co2eKg()).isCloseTo(m5 + t3, within(1e-12));
    assertThat(classes(byClass).get("embodied").kwh()).isZero();
  }

  @Test
  void storageUsesDaysOfTheMonthReplicationAndReadsByteHrsAsGbMonths() {
    // EBS gp3 100 GB-Mo in January: 100/1000 x 24 x 31 = 74.4 TB-h, SSD, EC2 volume replication 2
    double ebs = 74.4 * 1.2 * PUE * 2 / 1000;
    // S3 1000 GB-Mo in February: 1000/1000 x 24 x 28 = 672 TB-h, HDD, S3 replication 6
    double s3 = 672 * 0.65 * PUE * 6 / 1000;
    CurGroup storage = classes(byClass).get("storage");
    assertThat(storage.kwh()).isCloseTo(ebs + s3, within(1e-12));
    assertThat(storage.co2eKg()).isCloseTo(ebs * EU_WEST_1 + s3 * US_EAST_1, within(1e-12));
  }

  @Test
  void ccfQuirksReproduceTheByteHrsBugForComparison() throws IOException {
    CurResult ccf = CurConnector.builder().file(file).groupBy(List.of(GroupKey.CLASS))
        .model(CcfModel.builder().ccfQuirks(true).build()).build().sync(SyncContext.builder().build());
    double ebs = 74.4 * 1.2 * PUE * 2 / 1000;
    // CCF: 1000 / 2^40 "TB-hours" instead of 672
    double s3Ccf = 1000 / Math.pow(2, 40) * 0.65 * PUE * 6 / 1000;
    assertThat(classes(ccf).get("storage").kwh()).isCloseTo(ebs + s3Ccf, within(1e-12));
    double s3Fixed = 672 * 0.65 * PUE * 6 / 1000;
    // the S3 row alone is 672 x 2^40 / 1000 (about 7.4e11) times larger once fixed
    assertThat(s3Fixed / s3Ccf).isCloseTo(672 * Math.pow(2, 40) / 1000, org.assertj.core.data.Percentage.withPercentage(1e-9));
    // and CCF's embodied value is the same per hour for every size: TE / (35040 x largest vCPUs)
    assertThat(classes(ccf).get("embodied").co2eKg())
        .isCloseTo(1610.3792 * 10 / (35040 * 96.0) + 1610.3792 * 10 / (35040 * 8.0), within(1e-12));
    assertThat(ccf.methodology()).isEqualTo("ccf-2024+ccf-quirks");
  }

  @Test
  void networkingExcludesCloudFront() {
    // 50 GB x 0.001 kWh/GB x PUE, us-west-2 grid
    CurGroup net = classes(byClass).get("networking");
    assertThat(net.kwh()).isCloseTo(50 * 0.001 * PUE, within(1e-12));
    assertThat(net.co2eKg()).isCloseTo(50 * 0.001 * PUE * US_WEST_2, within(1e-12));
    assertThat(byClass.accounting().reasons())
        .containsEntry("unsupported: CloudFront data transfer (CCF does not estimate it)", 1L);
  }

  @Test
  void unknownRowsUseTheKwhPerCostOfKnownRowsOfTheSameServiceAndUnit() {
    // NAT gateway hours: AmazonEC2 / Hrs known rows are m5 and t3: (compute + memory kWh) / (0.96 + 0.416) x 4.5
    double ratio = (M5_COMPUTE + m5MemoryKwh() + T3_COMPUTE) / (0.96 + 0.416);
    // S3 Requests: no known row has unit Requests, so CCF's rule gives 0
    CurGroup unknown = classes(byClass).get("unknown");
    assertThat(unknown.kwh()).isCloseTo(ratio * 4.5, within(1e-12));
    assertThat(unknown.co2eKg()).isCloseTo(ratio * 4.5 * US_EAST_1, within(1e-12));
    assertThat(unknown.rows()).isEqualTo(2);
  }

  @Test
  void everyRowIsAccountedForWithAReason() {
    var a = byClass.accounting();
    assertThat(a.read()).isEqualTo(12);
    assertThat(a.estimated()).isEqualTo(6);
    assertThat(a.unknown()).isEqualTo(2);
    assertThat(a.unsupported()).isEqualTo(1);
    assertThat(a.ignored()).isEqualTo(3);
    assertThat(a.reasons()).containsEntry("ignored: line item type Tax", 1L)
        .containsEntry("ignored: line item type Credit", 1L)
        .containsEntry("ignored: line item type RIFee", 1L)
        .containsEntry("unknown: usage type matches 'NatGateway-Hours' (CCF UNKNOWN_USAGE_TYPES)", 1L)
        .containsEntry("unknown: pricing unit 'Requests' is not one CCF estimates", 1L);
    assertThat(a.reasons().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
  }

  @Test
  void productVcpuTakesPrecedenceOverTheBurstableBaseline(@TempDir Path dir) throws IOException {
    // CCF multiplies a present product_vcpu by the hours (README quirk 14): 2 x 10 = 20 vCPU-h, not 8
    Path f = dir.resolve("t3.csv");
    Files.writeString(f, HEADER
        + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,USE1-BoxUsage:t3.medium,10,0.416,Hrs,us-east-1,2,\n");
    CurResult r = CurConnector.builder().file(f).groupBy(List.of(GroupKey.CLASS)).embodied(false).build()
        .sync(SyncContext.builder().build());
    assertThat(classes(r).get("compute").kwh()).isCloseTo(T3_COMPUTE / 8 * 20, within(1e-12));
    assertThat(classes(r)).doesNotContainKey("embodied");
  }

  @Test
  void totalsEqualTheSumOfGroupsAndGroupByKeysWork() {
    CurResult r = CurConnector.builder().file(file)
        .groupBy(GroupKey.parseList("service,region,account,month,usage_type")).build()
        .sync(SyncContext.builder().build());
    assertThat(r.totalKwh()).isCloseTo(byClass.totalKwh(), within(1e-9));
    assertThat(r.totalCo2eKg()).isCloseTo(byClass.totalCo2eKg(), within(1e-9));
    assertThat(r.groups()).anySatisfy(g -> assertThat(g.key())
        .containsExactly("AmazonEC2", "eu-west-1", "111111111111", "2025-01", "EU-EBS:VolumeUsage.gp3"));
    assertThat(r.groups().stream().mapToLong(CurGroup::rows).sum()).isEqualTo(12);
    assertThat(CCF.gridKgPerKwh(CloudProvider.AWS, "us-east-1")).isEqualTo(US_EAST_1);
  }
}
