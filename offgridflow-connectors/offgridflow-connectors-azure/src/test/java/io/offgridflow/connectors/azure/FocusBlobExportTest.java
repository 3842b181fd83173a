package io.offgridflow.connectors.azure;

import static io.offgridflow.connectors.azure.BlobExportTest.FEB;
import static io.offgridflow.connectors.azure.BlobExportTest.JAN;
import static io.offgridflow.connectors.azure.BlobExportTest.container;
import static io.offgridflow.connectors.azure.BlobExportTest.rows;
import static io.offgridflow.connectors.azure.BlobExportTest.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.azure.fixtures.AzuriteExtension;
import io.offgridflow.connectors.azure.fixtures.CostExportWriter;
import io.offgridflow.connectors.azure.fixtures.CostRow;
import io.offgridflow.connectors.azure.fixtures.FocusExportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FOCUS export in a real Blob container (Azurite), read through the Azure SDK's own client. Cost
 * Management writes FOCUS exports in the layout of the other new-experience exports: a run folder
 * per run under the period folder, partitions and a {@code manifest.json} whose {@code
 * exportConfig.type} is {@code FocusCost}.
 */
@ExtendWith(AzuriteExtension.class)
class FocusBlobExportTest {
  static final String DIR = "exports/focus-daily/";

  static String manifest(String runId, String submitted, List<String> blobs) {
    return BlobExportTest.manifest("focus-daily", "FocusCost", runId, submitted, blobs)
        .replace("\"dataVersion\":\"2023-12-01-preview\"", "\"dataVersion\":\"1.0r2\"");
  }

  /** January in two runs (the second with two gzip partitions), February in one plain run. */
  static final class Export {
    final BlobContainerClient c;
    final List<CostRow> janPart0 = rows(250, 42, JAN);
    final List<CostRow> janPart1 = rows(150, 43, JAN);
    final List<CostRow> feb = rows(200, 44, FEB);

    Export(BlobServiceClient blobs) {
      c = container(blobs);
      String old = DIR + "20250101-20250131/202501201200/run-1/";
      upload(c, old + "part_0_0001.csv.gz", FocusExportWriter.create().gzip(true).write(rows(300, 41, JAN)));
      upload(c, old + "manifest.json", manifest("run-1", "2025-01-20T12:00:00Z",
          List.of(old + "part_0_0001.csv.gz")).getBytes());
      String latest = DIR + "20250101-20250131/202502031200/run-2/";
      FocusExportWriter gz = FocusExportWriter.create().gzip(true).shuffleColumns(17);
      upload(c, latest + "part_0_0001.csv.gz", gz.write(janPart0));
      upload(c, latest + "part_1_0001.csv.gz", gz.write(janPart1));
      upload(c, latest + "manifest.json", manifest("run-2", "2025-02-03T12:00:00.1234567Z",
          List.of(latest + "part_0_0001.csv.gz", latest + "part_1_0001.csv.gz")).getBytes());
      String febRun = DIR + "20250201-20250228/202502101200/run-3/";
      upload(c, febRun + "part_0_0001.csv", FocusExportWriter.create().write(feb));
      upload(c, febRun + "manifest.json", manifest("run-3", "2025-02-10T12:00:00Z",
          List.of(febRun + "part_0_0001.csv")).getBytes());
    }

    AzureCostExportConnector connector() {
      return AzureCostExportConnector.builder().blobContainer(c).directory("exports").exportName("focus-daily")
          .groupBy(AzureGroupKey.parseList("class,month")).build();
    }
  }

  @Test
  void readsTheLatestRunOfEachPeriodAndGivesTheNumbersOfTheClassicExportOfTheSameUsage(BlobServiceClient blobs,
      @TempDir Path dir) throws Exception {
    Export e = new Export(blobs);
    AzureCostResult r = e.connector().sync(SyncContext.builder().build());

    // The same rows as an amortized EA export, read from local files.
    List<CostRow> all = new ArrayList<>(e.janPart0);
    all.addAll(e.janPart1);
    all.addAll(e.feb);
    Path ea = Files.write(dir.resolve("ea.csv"), CostExportWriter.of(CostExportSchema.EA).write(all));
    AzureCostResult classic = AzureCostExportConnector.builder().file(ea).groupBy(AzureGroupKey.parseList("class,month"))
        .build().sync(SyncContext.builder().build());

    assertThat(r.accounting().read()).isEqualTo(250 + 150 + 200);
    FocusExportTest.sameCounts(r.accounting(), classic.accounting());
    assertThat(r.groups()).extracting(AzureCostGroup::key).isEqualTo(classic.groups().stream().map(AzureCostGroup::key).toList());
    assertThat(r.totalKwh()).isPositive().isCloseTo(classic.totalKwh(), within(1e-9 * classic.totalKwh()));
    assertThat(r.totalCo2eKg()).isCloseTo(classic.totalCo2eKg(), within(1e-9 * classic.totalCo2eKg()));

    String name = e.c.getBlobContainerName() + "/" + DIR;
    assertThat(r.sources()).extracting(SourceOutcome::source, SourceOutcome::status, SourceOutcome::schema,
        SourceOutcome::rows, SourceOutcome::run, SourceOutcome::dataset).containsExactlyInAnyOrder(
        tuple(name + "20250101-20250131/202501201200/run-1/part_0_0001.csv.gz", SourceOutcome.Status.OLDER_RUN_NOT_COUNTED,
            CostExportSchema.NONE, 0L, "run-1", "FocusCost"),
        tuple(name + "20250101-20250131/202502031200/run-2/part_0_0001.csv.gz", SourceOutcome.Status.COUNTED,
            CostExportSchema.FOCUS, 250L, "run-2", "FocusCost"),
        tuple(name + "20250101-20250131/202502031200/run-2/part_1_0001.csv.gz", SourceOutcome.Status.COUNTED,
            CostExportSchema.FOCUS, 150L, "run-2", "FocusCost"),
        tuple(name + "20250201-20250228/202502101200/run-3/part_0_0001.csv", SourceOutcome.Status.COUNTED,
            CostExportSchema.FOCUS, 200L, "run-3", "FocusCost"));
  }

  @Test
  void aRerunCountsNothingAndANewRunOfAPeriodSupersedesIt(BlobServiceClient blobs) {
    Export e = new Export(blobs);
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    assertThat(e.connector().sync(SyncContext.builder().stateStore(store).build()).accounting().read()).isEqualTo(600);

    AzureCostResult again = e.connector().sync(SyncContext.builder().stateStore(store).build());
    assertThat(again.accounting().read()).isZero();
    assertThat(again.totalKwh()).isZero();
    assertThat(again.sources()).filteredOn(s -> s.status() != SourceOutcome.Status.OLDER_RUN_NOT_COUNTED)
        .extracting(SourceOutcome::status).containsOnly(SourceOutcome.Status.SKIPPED_ALREADY_COUNTED).hasSize(3);

    String restated = DIR + "20250201-20250228/202503031200/run-4/";
    upload(e.c, restated + "part_0_0001.csv.gz", FocusExportWriter.create().gzip(true).write(rows(230, 45, FEB)));
    upload(e.c, restated + "manifest.json", manifest("run-4", "2025-03-03T12:00:00Z",
        List.of(restated + "part_0_0001.csv.gz")).getBytes());
    AzureCostResult third = e.connector().sync(SyncContext.builder().stateStore(store).build());
    assertThat(third.accounting().read()).isEqualTo(230);
    assertThat(third.sources()).filteredOn(s -> s.run().equals("run-4")).extracting(SourceOutcome::status)
        .containsExactly(SourceOutcome.Status.SUPERSEDED);
    assertThat(third.sources()).filteredOn(s -> s.run().equals("run-3")).extracting(SourceOutcome::status)
        .containsExactly(SourceOutcome.Status.OLDER_RUN_NOT_COUNTED);
  }

  @Test
  void aBadValueNamesBlobLineColumnAndValueAndCommitsNothing(BlobServiceClient blobs) {
    BlobContainerClient c = container(blobs);
    String run = "f/20250101-20250131/202502011200/run-1/";
    upload(c, run + "part_0_0001.csv.gz", FocusExportWriter.create().gzip(true).write(rows(40, 46, JAN)));
    List<CostRow> bad = List.of(CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 1).date(JAN),
        CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 2).date(JAN));
    upload(c, run + "part_1_0001.csv.gz", FocusExportWriter.create().gzip(true).override(1, "ConsumedQuantity", "2..0")
        .write(bad));
    upload(c, run + "manifest.json", BlobExportTest.manifest("f", "FocusCost", "run-1", "2025-02-01T12:00:00Z",
        List.of(run + "part_0_0001.csv.gz", run + "part_1_0001.csv.gz")).getBytes());
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    AzureCostExportConnector conn = AzureCostExportConnector.builder().blobContainer(c).exportName("f").build();

    int col = FocusExportWriter.COLUMNS.indexOf("ConsumedQuantity") + 1;
    assertThatThrownBy(() -> conn.sync(SyncContext.builder().stateStore(store).build()))
        .isInstanceOf(OffGridFlowException.class)
        .satisfies(t -> assertThat(((OffGridFlowException) t).code()).isEqualTo(CloudErrorCode.INVALID_BILL))
        .hasMessage(c.getBlobContainerName() + "/" + run + "part_1_0001.csv.gz:3: column ConsumedQuantity (" + col
            + "): value '2..0' is not a number");
    assertThat(store.list(conn.id())).isEmpty();
  }
}
