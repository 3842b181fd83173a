package io.offgridflow.connectors.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.Cancellation;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.azure.fixtures.AzuriteExtension;
import io.offgridflow.connectors.azure.fixtures.CostExportGenerator;
import io.offgridflow.connectors.azure.fixtures.CostExportWriter;
import io.offgridflow.connectors.azure.fixtures.CostRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The export layout in a real Blob container (Azurite), read through the Azure SDK's own client. */
@ExtendWith(AzuriteExtension.class)
class BlobExportTest {
  static final LocalDate JAN = LocalDate.of(2025, 1, 1);
  static final LocalDate FEB = LocalDate.of(2025, 2, 1);

  static BlobContainerClient container(BlobServiceClient blobs) {
    return blobs.createBlobContainer("c" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
  }

  static void upload(BlobContainerClient c, String name, byte[] bytes) {
    c.getBlobClient(name).upload(BinaryData.fromBytes(bytes), true);
  }

  static List<CostRow> rows(int n, long seed, LocalDate month) {
    return CostExportGenerator.builder().rows(n).seed(seed).month(month).build().rows();
  }

  static String manifest(String exportName, String type, String runId, String submitted, List<String> blobs) {
    StringBuilder b = new StringBuilder();
    for (String name : blobs) {
      b.append(b.length() == 0 ? "" : ",").append("{\"blobName\":\"").append(name).append("\",\"byteCount\":1,\"dataRowCount\":1}");
    }
    return "{\"manifestVersion\":\"2024-04-01\",\"byteCount\":1,\"blobCount\":" + blobs.size() + ",\"dataRowCount\":1,"
        + "\"exportConfig\":{\"exportName\":\"" + exportName + "\",\"dataVersion\":\"2023-12-01-preview\",\"type\":\"" + type
        + "\",\"timeFrame\":\"MonthToDate\",\"granularity\":\"Daily\"},"
        + "\"deliveryConfig\":{\"partitionData\":true,\"dataOverwriteBehavior\":\"CreateNewReport\",\"fileFormat\":\"Csv\","
        + "\"compressionMode\":\"gzip\"},\"runInfo\":{\"executionType\":\"Scheduled\",\"submittedTime\":\"" + submitted
        + "\",\"runId\":\"" + runId + "\",\"startDate\":\"2025-02-01T00:00:00\",\"endDate\":\"2025-02-28T00:00:00\"},"
        + "\"blobs\":[" + b + "]}";
  }

  /** An export with an EA classic layout for January (two runs) and a partitioned, gzip MCA layout for February. */
  static final class Export {
    final BlobContainerClient c;
    final List<CostRow> januaryLatest = rows(400, 2, JAN);
    final List<CostRow> februaryPart1 = rows(250, 4, FEB);
    final List<CostRow> februaryPart2 = rows(150, 5, FEB);

    Export(BlobServiceClient blobs) throws InterruptedException {
      c = container(blobs);
      String jan = "exports/daily/20250101-20250131/";
      upload(c, jan + "daily_11111111-aaaa.csv", CostExportWriter.of(CostExportSchema.EA).write(rows(300, 1, JAN)));
      Thread.sleep(1100); // classic runs are ordered by blob time, which has one-second resolution
      upload(c, jan + "daily_22222222-bbbb.csv", CostExportWriter.of(CostExportSchema.EA).write(januaryLatest));
      String feb = "exports/daily/20250201-20250228/";
      String old = feb + "202502101200/run-1/";
      upload(c, old + "part_0_0001.csv.gz", CostExportWriter.of(CostExportSchema.MCA).gzip(true).write(rows(500, 3, FEB)));
      upload(c, old + "manifest.json", manifest("daily", "AmortizedCost", "run-1", "2025-02-10T12:00:03.1234567Z",
          List.of(old + "part_0_0001.csv.gz")).getBytes());
      String latest = feb + "202503031200/run-2/";
      CostExportWriter mca = CostExportWriter.of(CostExportSchema.MCA).gzip(true).shuffleColumns(9);
      upload(c, latest + "part_0_0001.csv.gz", mca.write(februaryPart1));
      upload(c, latest + "part_1_0001.csv.gz", mca.write(februaryPart2));
      upload(c, latest + "manifest.json", manifest("daily", "AmortizedCost", "run-2", "2025-03-03T12:00:00Z",
          List.of(latest + "part_0_0001.csv.gz", latest + "part_1_0001.csv.gz")).getBytes());
      upload(c, "exports/daily/README.txt", "not an export file".getBytes());
    }

    AzureCostExportConnector connector() {
      return AzureCostExportConnector.builder().blobContainer(c).directory("/exports/").exportName("daily")
          .groupBy(AzureGroupKey.parseList("class,month")).build();
    }
  }

  @Test
  void readsOnlyTheLatestRunOfEachPeriodFromClassicAndPartitionedLayouts(BlobServiceClient blobs, @TempDir Path dir)
      throws Exception {
    Export e = new Export(blobs);
    AzureCostResult r = e.connector().sync(SyncContext.builder().build());

    // The same rows read as local files give the same numbers: only the latest runs were counted.
    Path jan = dir.resolve("jan.csv");
    Path feb1 = dir.resolve("feb1.csv");
    Path feb2 = dir.resolve("feb2.csv.gz");
    Files.write(jan, CostExportWriter.of(CostExportSchema.EA).write(e.januaryLatest));
    Files.write(feb1, CostExportWriter.of(CostExportSchema.EA).write(e.februaryPart1));
    Files.write(feb2, CostExportWriter.of(CostExportSchema.MCA).gzip(true).write(e.februaryPart2));
    AzureCostResult local = AzureCostExportConnector.builder().file(jan).file(feb1).file(feb2)
        .groupBy(AzureGroupKey.parseList("class,month")).build().sync(SyncContext.builder().build());

    assertThat(r.accounting().read()).isEqualTo(400 + 250 + 150);
    assertThat(r.accounting()).isEqualTo(local.accounting());
    assertThat(r.totalKwh()).isCloseTo(local.totalKwh(), within(1e-9 * local.totalKwh()));
    assertThat(r.totalCo2eKg()).isCloseTo(local.totalCo2eKg(), within(1e-9 * local.totalCo2eKg()));
    assertThat(r.groups()).extracting(g -> g.key().get(1)).containsOnly("2025-01", "2025-02");

    assertThat(r.sources()).extracting(SourceOutcome::source, SourceOutcome::status, SourceOutcome::schema,
        SourceOutcome::rows).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple(e.c.getBlobContainerName() + "/exports/daily/20250101-20250131/daily_11111111-aaaa.csv",
            SourceOutcome.Status.OLDER_RUN_NOT_COUNTED, CostExportSchema.NONE, 0L),
        org.assertj.core.groups.Tuple.tuple(e.c.getBlobContainerName() + "/exports/daily/20250201-20250228/202502101200/run-1/part_0_0001.csv.gz",
            SourceOutcome.Status.OLDER_RUN_NOT_COUNTED, CostExportSchema.NONE, 0L),
        org.assertj.core.groups.Tuple.tuple(e.c.getBlobContainerName() + "/exports/daily/20250101-20250131/daily_22222222-bbbb.csv",
            SourceOutcome.Status.COUNTED, CostExportSchema.EA, 400L),
        org.assertj.core.groups.Tuple.tuple(e.c.getBlobContainerName() + "/exports/daily/20250201-20250228/202503031200/run-2/part_0_0001.csv.gz",
            SourceOutcome.Status.COUNTED, CostExportSchema.MCA, 250L),
        org.assertj.core.groups.Tuple.tuple(e.c.getBlobContainerName() + "/exports/daily/20250201-20250228/202503031200/run-2/part_1_0001.csv.gz",
            SourceOutcome.Status.COUNTED, CostExportSchema.MCA, 150L));
    assertThat(r.sources()).filteredOn(s -> s.status() == SourceOutcome.Status.COUNTED)
        .allSatisfy(s -> assertThat(s.fingerprint()).matches("etag=.+;length=\\d+"));
    // The partitioned run's manifest says which dataset it is; a classic run's file does not.
    assertThat(r.sources()).filteredOn(s -> s.status() == SourceOutcome.Status.COUNTED)
        .extracting(SourceOutcome::billingPeriod, SourceOutcome::run, SourceOutcome::dataset).containsExactly(
            org.assertj.core.groups.Tuple.tuple("20250101-20250131", "daily_22222222-bbbb.csv", ""),
            org.assertj.core.groups.Tuple.tuple("20250201-20250228", "run-2", "AmortizedCost"),
            org.assertj.core.groups.Tuple.tuple("20250201-20250228", "run-2", "AmortizedCost"));
  }

  @Test
  void aRerunCountsNothingAndANewRunOfAPeriodSupersedesTheEarlierOne(BlobServiceClient blobs) throws Exception {
    Export e = new Export(blobs);
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    AzureCostResult first = e.connector().sync(SyncContext.builder().stateStore(store).build());
    assertThat(first.accounting().read()).isEqualTo(800);

    AzureCostResult again = e.connector().sync(SyncContext.builder().stateStore(store).build());
    assertThat(again.accounting().read()).isZero();
    assertThat(again.totalKwh()).isZero();
    assertThat(again.sources()).filteredOn(s -> s.status() != SourceOutcome.Status.OLDER_RUN_NOT_COUNTED)
        .extracting(SourceOutcome::status).containsOnly(SourceOutcome.Status.SKIPPED_ALREADY_COUNTED).hasSize(3);

    Thread.sleep(1100);
    List<CostRow> restated = rows(420, 6, JAN);
    upload(e.c, "exports/daily/20250101-20250131/daily_33333333-cccc.csv", CostExportWriter.of(CostExportSchema.EA).write(restated));
    AzureCostResult third = e.connector().sync(SyncContext.builder().stateStore(store).build());
    assertThat(third.accounting().read()).isEqualTo(420);
    assertThat(third.sources()).filteredOn(s -> s.source().endsWith("daily_33333333-cccc.csv"))
        .extracting(SourceOutcome::status).containsExactly(SourceOutcome.Status.SUPERSEDED);
    assertThat(third.sources()).filteredOn(s -> s.source().endsWith("daily_22222222-bbbb.csv"))
        .extracting(SourceOutcome::status).containsExactly(SourceOutcome.Status.OLDER_RUN_NOT_COUNTED);
  }

  @Test
  void anExportThatOverwritesItsReportSupersedesTheCountedContent(BlobServiceClient blobs) {
    BlobContainerClient c = container(blobs);
    String name = "ow/monthly/20250101-20250131/monthly.csv.gz"; // dataOverwriteBehavior OverwritePreviousReport
    upload(c, name, CostExportWriter.of(CostExportSchema.EA).gzip(true).write(rows(120, 12, JAN)));
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    AzureCostExportConnector conn = AzureCostExportConnector.builder().blobContainer(c).directory("ow")
        .exportName("monthly").build();
    assertThat(conn.sync(SyncContext.builder().stateStore(store).build()).sources())
        .extracting(SourceOutcome::status).containsExactly(SourceOutcome.Status.COUNTED);

    upload(c, name, CostExportWriter.of(CostExportSchema.EA).gzip(true).write(rows(130, 13, JAN)));
    AzureCostResult r = conn.sync(SyncContext.builder().stateStore(store).build());
    assertThat(r.accounting().read()).isEqualTo(130);
    assertThat(r.sources()).extracting(SourceOutcome::status, SourceOutcome::rows)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(SourceOutcome.Status.SUPERSEDED, 130L));
    assertThat(store.list(conn.id())).singleElement().satisfies(cp -> assertThat(cp.rows()).isEqualTo(130));
  }

  @Test
  void aBadRowNamesBlobLineColumnAndValueAndCommitsNothing(BlobServiceClient blobs) {
    BlobContainerClient c = container(blobs);
    upload(c, "exp/20241201-20241231/exp_good.csv", CostExportWriter.of(CostExportSchema.EA).write(rows(50, 7, LocalDate.of(2024, 12, 1))));
    List<CostRow> bad = new ArrayList<>(rows(5, 8, JAN));
    bad.set(2, CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 1).date(JAN).quantity("12,5"));
    upload(c, "exp/20250101-20250131/exp_bad.csv", CostExportWriter.of(CostExportSchema.EA).write(bad));
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    AzureCostExportConnector conn = AzureCostExportConnector.builder().blobContainer(c).exportName("exp").build();

    assertThatThrownBy(() -> conn.sync(SyncContext.builder().stateStore(store).build()))
        .isInstanceOf(OffGridFlowException.class)
        .satisfies(t -> assertThat(((OffGridFlowException) t).code()).isEqualTo(CloudErrorCode.INVALID_BILL))
        .hasMessage(c.getBlobContainerName() + "/exp/20250101-20250131/exp_bad.csv:4: column Quantity (16): value '12,5'"
            + " is not a number");
    assertThat(store.list(conn.id())).isEmpty();
  }

  /** A clock that moves one second each time it is read, so progress is reported at every check. */
  static Clock ticking() {
    return new Clock() {
      long t;

      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochSecond(1_700_000_000L + t++);
      }
    };
  }

  @Test
  void cancellingMidFileCommitsNothingAndALaterSyncCountsEverything(BlobServiceClient blobs) {
    BlobContainerClient c = container(blobs);
    upload(c, "big/20250101-20250131/big_1.csv.gz",
        CostExportWriter.of(CostExportSchema.MCA).gzip(true).write(rows(9_000, 9, JAN)));
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    AzureCostExportConnector conn = AzureCostExportConnector.builder().blobContainer(c).exportName("big").build();
    Cancellation cancel = new Cancellation();
    List<Long> seen = new ArrayList<>();

    assertThatThrownBy(() -> conn.sync(SyncContext.builder().stateStore(store).cancellation(cancel).clock(ticking())
        .progress(p -> {
          seen.add(p.rows());
          cancel.cancel();
        }).build()))
        .isInstanceOf(OffGridFlowException.class)
        .satisfies(t -> assertThat(((OffGridFlowException) t).code()).isEqualTo(CloudErrorCode.SYNC_CANCELLED))
        .hasMessageContaining("big_1.csv.gz after 8192 rows");
    assertThat(seen).containsExactly(4096L);
    assertThat(store.list(conn.id())).isEmpty();

    AzureCostResult r = conn.sync(SyncContext.builder().stateStore(store).build());
    assertThat(r.accounting().read()).isEqualTo(9_000);
    assertThat(store.list(conn.id())).hasSize(1);
  }

  @Test
  void parquetExportsAreRefusedWithTheFix(BlobServiceClient blobs) {
    BlobContainerClient c = container(blobs);
    upload(c, "pq/20250101-20250131/run/part_0_0001.snappy.parquet", new byte[] {1, 2, 3});
    AzureCostExportConnector conn = AzureCostExportConnector.builder().blobContainer(c).exportName("pq").build();
    assertThatThrownBy(() -> conn.sync(SyncContext.builder().build()))
        .hasMessageContaining("Parquet exports are not read by this connector; set the export's file format to CSV")
        .satisfies(t -> assertThat(((OffGridFlowException) t).code()).isEqualTo(CloudErrorCode.UNSUPPORTED_BILL_FORMAT));
  }

  @Test
  void aManifestNamingAMissingPartitionIsAnError(BlobServiceClient blobs) {
    BlobContainerClient c = container(blobs);
    String run = "m/20250201-20250228/202503031200/run-9/";
    upload(c, run + "manifest.json", manifest("m", "ActualCost", "run-9", "2025-03-03T12:00:00Z",
        List.of(run + "part_0_0001.csv.gz")).getBytes());
    AzureCostExportConnector conn = AzureCostExportConnector.builder().blobContainer(c).exportName("m").build();
    assertThatThrownBy(() -> conn.sync(SyncContext.builder().build()))
        .hasMessageContaining("the manifest lists blob '" + run + "part_0_0001.csv.gz' but it is not in the container")
        .satisfies(t -> assertThat(((OffGridFlowException) t).code()).isEqualTo(CloudErrorCode.SOURCE_UNREADABLE));
  }
}
