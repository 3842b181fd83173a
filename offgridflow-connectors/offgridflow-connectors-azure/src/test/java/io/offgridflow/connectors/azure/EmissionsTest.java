package io.offgridflow.connectors.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import de.siegmar.fastcsv.writer.CsvWriter;
import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.InMemoryConnectorStateStore;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.azure.fixtures.AzuriteExtension;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Provider-reported emissions: Emissions Impact Dashboard data (mtCO2e) from Blob storage, carbon optimization (kgCO2e) from disk. */
@ExtendWith(AzuriteExtension.class)
class EmissionsTest {
  static final List<String> EID_HEADER = List.of("DateKey", "EnrollmentNumber", "SubscriptionId", "SubscriptionName",
      "AzureRegion", "ServiceName", "Scope1 (mtCO2e)", "Scope2 (mtCO2e)", "Scope3 (mtCO2e)");
  static final List<List<String>> EID_ROWS = List.of(
      List.of("20250101", "E1", "sub-a", "Prod", "West Europe", "Virtual Machines", "0.0012", "0.0350", "0.2100"),
      List.of("20250101", "E1", "sub-a", "Prod", "West Europe", "Storage", "0.0001", "0.0040", "0.0150"),
      List.of("20250201", "E1", "sub-a", "Prod", "westeurope", "Virtual Machines", "0.0010", "0.0300", "0.2000"),
      List.of("20250101", "E1", "sub-b", "Dev", "East US", "Virtual Machines", "0.0005", "0.0200", "0.0900"));
  static final List<String> CO_HEADER = List.of("Date", "Subscription ID", "Resource group", "Service", "Location",
      "Scope 1", "Scope 2", "Scope 3", "Unit");
  static final List<List<String>> CO_ROWS = List.of(
      List.of("2025-01", "sub-a", "rg-app", "Virtual Machines", "westeurope", "1.2", "35", "210", "kgCO2e"),
      List.of("2025-01", "sub-a", "rg-data", "Storage", "westeurope", "0.1", "4", "15", "kgCO2e"));

  static String csv(List<String> header, List<List<String>> rows) {
    StringWriter out = new StringWriter();
    try (CsvWriter w = CsvWriter.builder().build(out)) {
      w.writeRecord(header);
      rows.forEach(w::writeRecord);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  static double sum(List<List<String>> rows, int column) {
    return rows.stream().mapToDouble(r -> Double.parseDouble(r.get(column))).sum();
  }

  static BlobContainerClient eid(BlobServiceClient blobs) {
    BlobContainerClient c = blobs.createBlobContainer("e" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
    c.getBlobClient("emissions/eid-2025.csv").upload(BinaryData.fromString(csv(EID_HEADER, EID_ROWS)), true);
    c.getBlobClient("other/ignored.csv").upload(BinaryData.fromString("not,emissions\n1,2\n"), true);
    return c;
  }

  @Test
  void emissionsImpactDashboardTonnesBecomeKilogramsPerGroupAndScope(BlobServiceClient blobs) {
    AzureEmissionsConnector conn = AzureEmissionsConnector.builder().blobContainer(eid(blobs)).prefix("emissions/")
        .groupBy(AzureGroupKey.parseList("subscription,region,month")).build();
    AzureEmissionsResult r = conn.sync(SyncContext.builder().build());

    assertThat(r.basis()).isEqualTo("market-based");
    assertThat(r.provenance()).startsWith("provider-reported");
    assertThat(r.rowsRead()).isEqualTo(4);
    // 1 metric tonne = 1000 kg, so each scope total is the file's tonnes x 1000.
    assertThat(r.scope1Kg()).isCloseTo(sum(EID_ROWS, 6) * 1000, within(1e-9));
    assertThat(r.scope2Kg()).isCloseTo(sum(EID_ROWS, 7) * 1000, within(1e-9));
    assertThat(r.scope3Kg()).isCloseTo(sum(EID_ROWS, 8) * 1000, within(1e-9));
    Map<List<String>, AzureEmissionsGroup> g = r.groups().stream().collect(Collectors.toMap(AzureEmissionsGroup::key, x -> x));
    // "West Europe" and "westeurope" are one region; January's two sub-a rows are one group.
    AzureEmissionsGroup janA = g.get(List.of("sub-a", "westeurope", "2025-01"));
    assertThat(janA.rows()).isEqualTo(2);
    assertThat(janA.scope2Kg()).isCloseTo((0.0350 + 0.0040) * 1000, within(1e-9));
    assertThat(janA.totalKg()).isCloseTo((0.0012 + 0.0350 + 0.2100 + 0.0001 + 0.0040 + 0.0150) * 1000, within(1e-9));
    assertThat(g).containsKeys(List.of("sub-a", "westeurope", "2025-02"), List.of("sub-b", "EastUS", "2025-01"));
  }

  @Test
  void carbonOptimizationKilogramsStayKilogramsAndARerunCountsNothing(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("carbon-optimization.csv");
    Files.writeString(f, csv(CO_HEADER, CO_ROWS), StandardCharsets.UTF_8);
    InMemoryConnectorStateStore store = new InMemoryConnectorStateStore();
    AzureEmissionsConnector conn = AzureEmissionsConnector.builder().file(f)
        .groupBy(AzureGroupKey.parseList("service,resource_group")).build();

    AzureEmissionsResult r = conn.sync(SyncContext.builder().stateStore(store).build());
    assertThat(r.scope1Kg()).isCloseTo(sum(CO_ROWS, 5), within(1e-12));
    assertThat(r.scope2Kg()).isCloseTo(sum(CO_ROWS, 6), within(1e-12));
    assertThat(r.scope3Kg()).isCloseTo(sum(CO_ROWS, 7), within(1e-12));
    assertThat(r.groups()).extracting(AzureEmissionsGroup::key)
        .containsExactly(List.of("Storage", "rg-data"), List.of("Virtual Machines", "rg-app"));

    AzureEmissionsResult again = conn.sync(SyncContext.builder().stateStore(store).build());
    assertThat(again.rowsRead()).isZero();
    assertThat(again.totalKg()).isZero();
    assertThat(again.sources()).extracting(SourceOutcome::status).containsExactly(SourceOutcome.Status.SKIPPED_ALREADY_COUNTED);
  }

  @Test
  void aFileThatNamesNoUnitNeedsTheConnectorsUnit(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("no-unit.csv");
    Files.writeString(f, csv(List.of("Month", "SubscriptionId", "Service", "Region", "Scope1", "Scope2", "Scope3"),
        List.of(List.of("2025-03", "sub-a", "Storage", "uksouth", "0.5", "2.5", "7"))));
    assertThatThrownBy(() -> AzureEmissionsConnector.builder().file(f).build().sync(SyncContext.builder().build()))
        .hasMessageContaining("no-unit.csv:1: cannot tell the unit of the emissions")
        .satisfies(t -> assertThat(((OffGridFlowException) t).code()).isEqualTo(CloudErrorCode.UNSUPPORTED_BILL_FORMAT));

    AzureEmissionsResult r = AzureEmissionsConnector.builder().file(f).unit(EmissionsUnit.METRIC_TON_CO2E).build()
        .sync(SyncContext.builder().build());
    assertThat(r.totalKg()).isCloseTo((0.5 + 2.5 + 7) * 1000, within(1e-9));
  }

  @Test
  void aBadValueNamesFileLineColumnAndValue(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, csv(CO_HEADER, List.of(CO_ROWS.get(0),
        List.of("2025-01", "sub-a", "rg-app", "Storage", "westeurope", "0.1", "n/a", "15", "kgCO2e"))));
    assertThatThrownBy(() -> AzureEmissionsConnector.builder().file(f).build().sync(SyncContext.builder().build()))
        .hasMessage(f.toAbsolutePath() + ":3: column Scope 2 (7): value 'n/a' is not a number");
  }

  @Test
  void groupKeysTheProviderDataLacksAreRefused(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("x.csv"), csv(CO_HEADER, CO_ROWS));
    assertThatThrownBy(() -> AzureEmissionsConnector.builder().file(f).groupBy(List.of(AzureGroupKey.CLASS)).build())
        .hasMessageContaining("group-by key class is not in provider-reported emissions data");
  }
}
