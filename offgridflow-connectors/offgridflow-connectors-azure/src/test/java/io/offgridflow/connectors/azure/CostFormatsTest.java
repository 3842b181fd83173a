package io.offgridflow.connectors.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.azure.fixtures.CostExportGenerator;
import io.offgridflow.connectors.azure.fixtures.CostExportWriter;
import io.offgridflow.connectors.azure.fixtures.CostRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EA and MCA column sets, detected from the header, and the errors for files that are neither. */
class CostFormatsTest {
  @TempDir Path dir;

  AzureCostResult sync(Path f) {
    return AzureCostExportConnector.builder().file(f).build().sync(SyncContext.builder().build());
  }

  Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  static void failsWith(ThrowingCallable call, CloudErrorCode code, String message) {
    assertThatThrownBy(call).isInstanceOf(OffGridFlowException.class).hasMessage(message)
        .satisfies(t -> assertThat(((OffGridFlowException) t).code()).isEqualTo(code));
  }

  @Test
  void eaAndMcaFilesOfTheSameRowsGiveTheSameNumbersWhateverTheColumnOrder() throws IOException {
    List<CostRow> rows = CostExportGenerator.builder().rows(600).seed(11).build().rows();
    AzureCostResult ea = sync(write("ea.csv", CostExportWriter.of(CostExportSchema.EA).write(rows)));
    AzureCostResult mca = sync(write("mca.csv.gz", CostExportWriter.of(CostExportSchema.MCA).gzip(true).shuffleColumns(3).write(rows)));
    assertThat(ea.sources().get(0).schema()).isEqualTo(CostExportSchema.EA);
    assertThat(mca.sources().get(0).schema()).isEqualTo(CostExportSchema.MCA);
    assertThat(mca.accounting()).isEqualTo(ea.accounting());
    assertThat(mca.totalKwh()).isCloseTo(ea.totalKwh(), within(1e-9 * ea.totalKwh()));
    assertThat(mca.totalCo2eKg()).isCloseTo(ea.totalCo2eKg(), within(1e-9 * ea.totalCo2eKg()));
    assertThat(ea.totalKwh()).isPositive();
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsRead() throws IOException {
    byte[] csv = CostExportWriter.of(CostExportSchema.MCA).write(List.of(
        CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 1)));
    byte[] withBom = new byte[csv.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(csv, 0, withBom, 3, csv.length);
    assertThat(sync(write("bom.csv", withBom)).accounting().estimated()).isEqualTo(1);
  }

  @Test
  void aFocusHeaderWithoutItsColumnsAndUnknownHeadersAreRefusedWithWhatToDo() throws IOException {
    // Recognised as FOCUS (BilledCost and ChargeCategory), then the first column it needs and lacks is named.
    Path focus = write("focus.csv", "BilledCost,ChargeCategory,ServiceName\n1,Usage,VM\n".getBytes(StandardCharsets.UTF_8));
    failsWith(() -> sync(focus), CloudErrorCode.UNSUPPORTED_BILL_FORMAT, focus.toString()
        + ":1: the header has no charge period start column (looked for ChargePeriodStart)");
    Path other = write("other.csv", "a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8));
    failsWith(() -> sync(other), CloudErrorCode.UNSUPPORTED_BILL_FORMAT, other + ":1: not an Azure cost-details export:"
        + " the header has neither MCA columns (resourceGroupName, invoiceId), EA columns (ResourceGroup, AccountName)"
        + " nor FOCUS columns (BilledCost, ChargeCategory); first columns: a,b,c");
  }

  @Test
  void aMissingColumnIsNamed() throws IOException {
    String csv = new String(CostExportWriter.of(CostExportSchema.EA).write(List.of()), StandardCharsets.UTF_8)
        .replace("UnitOfMeasure", "Unit");
    Path f = write("nounit.csv", csv.getBytes(StandardCharsets.UTF_8));
    failsWith(() -> sync(f), CloudErrorCode.UNSUPPORTED_BILL_FORMAT,
        f + ":1: the header has no unit of measure column (looked for UnitOfMeasure)");
  }

  @Test
  void badRowsNameLineColumnAndValue() throws IOException {
    CostRow vm = CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 1);
    Path date = write("date.csv", CostExportWriter.of(CostExportSchema.EA).write(List.of(vm, vm)));
    Files.writeString(date, Files.readString(date).replaceFirst("01/15/2025", "2025-13-45"));
    failsWith(() -> sync(date), CloudErrorCode.INVALID_BILL,
        date + ":2: column Date (8): value '2025-13-45' is not a date such as 01/31/2025 or 2025-01-31");

    Path empty = write("empty.csv", CostExportWriter.of(CostExportSchema.MCA).write(List.of(vm, vm.quantity(""))));
    failsWith(() -> sync(empty), CloudErrorCode.INVALID_BILL,
        empty + ":3: column quantity (38): value '' is empty; a number is expected on a usage row");

    byte[] ok = CostExportWriter.of(CostExportSchema.EA).write(List.of(vm));
    Path truncated = write("truncated.csv", (new String(ok, StandardCharsets.UTF_8) + "Usage,only,three\r\n")
        .getBytes(StandardCharsets.UTF_8));
    failsWith(() -> sync(truncated), CloudErrorCode.INVALID_BILL,
        truncated + ":3: row has 3 fields, the header has 57 (a truncated or corrupt file?)");
  }

  @Test
  void actualAndAmortizedViewsOfTheSameUsageGiveTheSameEnergy() throws IOException {
    CostRow reserved = CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 24);
    CostRow onDemand = CostRow.usage("Virtual Machines", "Dsv3 Series", "D4s v3", "1 Hour", 24).cost(4.6);
    // Actual cost: reservation-covered usage at 0 and the reservation bought as a Purchase row.
    List<CostRow> actual = List.of(reserved.cost(0), onDemand,
        CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 8760).chargeType("Purchase").cost(500));
    // Amortized cost: the purchase spread over the covered usage, the unused hours as UnusedReservation.
    List<CostRow> amortized = List.of(reserved.cost(2.1), onDemand,
        CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 3).chargeType("UnusedReservation").cost(0.26));
    AzureCostResult a = sync(write("actual.csv", CostExportWriter.of(CostExportSchema.MCA).write(actual)));
    AzureCostResult m = sync(write("amortized.csv", CostExportWriter.of(CostExportSchema.MCA).write(amortized)));
    assertThat(m.totalKwh()).isPositive().isCloseTo(a.totalKwh(), within(1e-12));
    assertThat(m.totalCo2eKg()).isCloseTo(a.totalCo2eKg(), within(1e-12));
    assertThat(a.accounting().estimated()).isEqualTo(2);
    assertThat(m.accounting().estimated()).isEqualTo(2);
    assertThat(a.accounting().reasons()).containsKey(
        "ignored: charge type Purchase (reservation, savings plan or marketplace purchase: cost, no consumption)");
    assertThat(m.accounting().reasons()).containsKey(
        "ignored: charge type UnusedReservation (reserved capacity left unused: cost, no consumption)");
  }

  @Test
  void aFailingStateStoreIsNamedAndRetryable() throws IOException {
    Path f = write("ok.csv", CostExportWriter.of(CostExportSchema.EA).write(
        CostExportGenerator.builder().rows(20).seed(5).build().rows()));
    // Reads work, writes fail: as a read-only replica would.
    io.offgridflow.cloud.spi.ConnectorStateStore broken = new io.offgridflow.cloud.spi.ConnectorStateStore() {
      @Override
      public java.util.Optional<io.offgridflow.cloud.spi.Checkpoint> find(String connectorId, String sourceKey) {
        return java.util.Optional.empty();
      }

      @Override
      public void put(io.offgridflow.cloud.spi.Checkpoint checkpoint) {
        throw new IllegalStateException("database is read-only");
      }

      @Override
      public List<io.offgridflow.cloud.spi.Checkpoint> list(String connectorId) {
        return List.of();
      }
    };
    assertThatThrownBy(() -> AzureCostExportConnector.builder().file(f).build()
        .sync(SyncContext.builder().stateStore(broken).build()))
        .isInstanceOf(OffGridFlowException.class)
        .hasMessage("cannot store the 1 checkpoints of azure-cost-export (first: " + f.toAbsolutePath()
            + "): database is read-only")
        .satisfies(t -> assertThat(((OffGridFlowException) t).isRetryable()).isTrue())
        .satisfies(t -> assertThat(((OffGridFlowException) t).code()).isEqualTo(CloudErrorCode.STATE_STORE_FAILURE));
  }

  @Test
  void nonUsageRowsAreNeverParsedForNumbers() throws IOException {
    CostRow purchase = CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 1)
        .chargeType("Purchase").quantity("");
    AzureCostResult r = sync(write("purchase.csv", CostExportWriter.of(CostExportSchema.EA).write(List.of(purchase))));
    assertThat(r.accounting().ignored()).isEqualTo(1);
    assertThat(r.totalKwh()).isZero();
  }
}
