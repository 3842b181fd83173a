package io.offgridflow.connectors.aws;

import static io.offgridflow.connectors.aws.CurEstimatesTest.LAMBDA;
import static io.offgridflow.connectors.aws.CurEstimatesTest.M5_COMPUTE;
import static io.offgridflow.connectors.aws.CurEstimatesTest.PUE;
import static io.offgridflow.connectors.aws.CurEstimatesTest.US_EAST_1;
import static io.offgridflow.connectors.aws.CurEstimatesTest.m5MemoryKwh;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.SyncContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kWh-per-cost ratio that unknown usage is estimated with, in both modes, derived from the row
 * figures below (coefficients as in {@link CurEstimatesTest}). Default: known rows of the same
 * service and unit first, embodied emissions left out. {@code ccfQuirks}: what CCF's CUR path does,
 * all services with the unit, embodied CO2e turned back into kWh in the numerator, and
 * seconds-billed compute (Lambda) never counted.
 */
class CurUnknownRatioTest {
  static final String ROWS = ""
      // known: EC2 Hrs (compute, memory, embodied), EC2 GB, S3 GB, Lambda GB-seconds
      + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,USE1-BoxUsage:m5.large,10,0.96,Hrs,us-east-1,2,\n"
      + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,USE1-DataTransfer-Regional-Bytes,100,1.00,GB,us-east-1,,\n"
      + "Usage,2025-01-03T00:00:00Z,1,AmazonS3,USW2-DataTransfer-Out-Bytes,50,4.5,GB,us-west-2,,\n"
      + "Usage,2025-01-03T00:00:00Z,1,AWSLambda,USE1-Lambda-GB-Second,3600,0.06,Lambda-GB-Second,us-east-1,,\n"
      // unknown (CCF UNKNOWN_USAGE_TYPES), one per unit
      + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,USE1-NatGateway-Hours,100,4.5,Hrs,us-east-1,,\n"
      + "Usage,2025-01-03T00:00:00Z,1,AmazonEC2,USE1-NatGateway-Bytes,20,0.9,GB,us-east-1,,\n"
      + "Usage,2025-01-03T00:00:00Z,1,AWSLambda,USE1-Lambda-Provisioned-GB-Second,1000,0.02,Lambda-GB-Second,us-east-1,,\n";

  // Known rows' kWh from the coefficients: networking 0.001 kWh/GB x PUE.
  static final double EC2_GB_KWH = 100 * 0.001 * PUE;
  static final double S3_GB_KWH = 50 * 0.001 * PUE;
  // Embodied m5.large in quirks mode (CCF's per-family value): TE 1610.3792 kg x 10 h / (35040 h x 96 vCPUs).
  static final double M5_EMBODIED_CCF_KG = 1610.3792 * 10 / (35040 * 96.0);

  static Map<String, CurGroup> defaults;
  static Map<String, CurGroup> quirks;

  @BeforeAll
  static void run(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("cur.csv");
    Files.writeString(f, CurEstimatesTest.HEADER + ROWS);
    defaults = unknownByUsageType(f, CcfModel.builder().build());
    quirks = unknownByUsageType(f, CcfModel.builder().ccfQuirks(true).build());
  }

  private static Map<String, CurGroup> unknownByUsageType(Path f, CcfModel model) {
    CurResult r = CurConnector.builder().file(f).groupBy(List.of(GroupKey.CLASS, GroupKey.USAGE_TYPE)).model(model)
        .build().sync(SyncContext.builder().build());
    assertThat(r.accounting().unknown()).isEqualTo(3);
    Map<String, CurGroup> out = new HashMap<>();
    for (CurGroup g : r.groups()) {
      if (g.key().get(0).equals("unknown")) {
        out.put(g.key().get(1), g);
      }
    }
    assertThat(out).hasSize(3);
    return out;
  }

  private static void assertKwh(Map<String, CurGroup> groups, String usageType, double kwh) {
    CurGroup g = groups.get(usageType);
    assertThat(g.kwh()).as("kWh of %s", usageType).isCloseTo(kwh, within(1e-12));
    assertThat(g.co2eKg()).as("CO2e of %s", usageType).isCloseTo(kwh * US_EAST_1, within(1e-12));
  }

  @Test
  void defaultRatioIsTheSameServiceAndUnitWithoutEmbodied() {
    // Hrs: the EC2 m5 row, compute + memory kWh over its cost.
    assertKwh(defaults, "USE1-NatGateway-Hours", (M5_COMPUTE + m5MemoryKwh()) / 0.96 * 4.5);
    // GB: EC2's own GB row only; S3's is another service.
    assertKwh(defaults, "USE1-NatGateway-Bytes", EC2_GB_KWH / 1.00 * 0.9);
    // Lambda-GB-Second: the Lambda row (3600 GB-s as 1 vCPU-hour).
    assertKwh(defaults, "USE1-Lambda-Provisioned-GB-Second", LAMBDA / 0.06 * 0.02);
  }

  @Test
  void ccfQuirksRatioIsAllServicesOfTheUnitWithEmbodiedAsKwhAndNoSecondsBilledCompute() {
    // Hrs: embodied kg / us-east-1 kg per kWh joins the numerator.
    assertKwh(quirks, "USE1-NatGateway-Hours",
        (M5_COMPUTE + m5MemoryKwh() + M5_EMBODIED_CCF_KG / US_EAST_1) / 0.96 * 4.5);
    // GB: EC2's and S3's rows together.
    assertKwh(quirks, "USE1-NatGateway-Bytes", (EC2_GB_KWH + S3_GB_KWH) / (1.00 + 4.5) * 0.9);
    // Lambda-GB-Second: CCF never adds seconds-billed compute to its table, so no ratio: 0.
    assertKwh(quirks, "USE1-Lambda-Provisioned-GB-Second", 0);
  }
}
