package io.offgridflow.connectors.azure;

import static io.offgridflow.connectors.azure.CostEstimatesTest.AZ;
import static io.offgridflow.connectors.azure.CostEstimatesTest.C;
import static io.offgridflow.connectors.azure.CostEstimatesTest.CCF;
import static io.offgridflow.connectors.azure.CostEstimatesTest.EAST_US;
import static io.offgridflow.connectors.azure.CostEstimatesTest.PUE;
import static io.offgridflow.connectors.azure.CostEstimatesTest.WEST_EUROPE;
import static io.offgridflow.connectors.azure.CostEstimatesTest.embodied;
import static io.offgridflow.connectors.azure.CostEstimatesTest.vm;
import static io.offgridflow.connectors.azure.CostEstimatesTest.vmMemory;
import static io.offgridflow.connectors.azure.CostEstimatesTest.vmRepl;
import static io.offgridflow.connectors.azure.CostEstimatesTest.watts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudErrorCode;
import io.offgridflow.cloud.RowAccounting;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.azure.fixtures.CostExportGenerator;
import io.offgridflow.connectors.azure.fixtures.CostExportWriter;
import io.offgridflow.connectors.azure.fixtures.CostRow;
import io.offgridflow.connectors.azure.fixtures.FocusExportWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FOCUS cost and usage details export: the same usage written as an EA (amortized) export and
 * as a FOCUS export gives the same kWh and CO2e per class, both equal to values worked out here from
 * the rows and core's ccf-2024 data; non-usage charges are ignored with a reason; bad values are named.
 */
class FocusExportTest {
  static final LocalDate FEB = LocalDate.of(2025, 2, 15);

  @TempDir Path dir;

  Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  static AzureCostResult sync(Path f, CcfModel model, String groupBy) {
    return AzureCostExportConnector.builder().file(f).model(model).groupBy(AzureGroupKey.parseList(groupBy)).build()
        .sync(SyncContext.builder().build());
  }

  static AzureCostResult sync(Path f, String groupBy) {
    return sync(f, CcfModel.builder().build(), groupBy);
  }

  static Map<String, AzureCostGroup> classes(AzureCostResult r) {
    return r.groups().stream().collect(Collectors.toMap(g -> g.key().get(0), g -> g));
  }

  /** The reasons of the rows that are not ignored: the charge-type wording of ignored rows differs by design. */
  static Map<String, Long> usageReasons(RowAccounting a) {
    return a.reasons().entrySet().stream().filter(e -> !e.getKey().startsWith("ignored:"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
  }

  static void sameCounts(RowAccounting focus, RowAccounting classic) {
    assertThat(focus.read()).isEqualTo(classic.read());
    assertThat(focus.estimated()).isEqualTo(classic.estimated());
    assertThat(focus.unknown()).isEqualTo(classic.unknown());
    assertThat(focus.unsupported()).isEqualTo(classic.unsupported());
    assertThat(focus.ignored()).isEqualTo(classic.ignored());
    assertThat(usageReasons(focus)).isEqualTo(usageReasons(classic));
  }

  // Hand-written usage, each expected number worked out below from these inputs.
  static final List<CostRow> ROWS = List.of(
      CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 10).cost(0.96),
      CostRow.usage("Virtual Machines", "Dsv3 Series", "D4s v3", "10 Hours", 3).cost(5.76),
      CostRow.usage("Storage", "General Block Blob v2", "Hot LRS Data Stored", "1 GB/Month", 100).date(FEB).cost(1.84),
      CostRow.usage("Bandwidth", "Rtn Preference: MGN", "Standard Data Transfer Out", "1 GB", 50).location("US East")
          .cost(4.35),
      CostRow.usage("Functions", "", "Standard Execution Time", "50000 GB Seconds", 36000).cost(0.58),
      CostRow.usage("Load Balancer", "Standard", "Standard Data Processed", "1 GB", 30).cost(0.15),
      CostRow.usage("Storage", "Tables", "Batch Write Operations", "10K", 4).cost(0.5),
      CostRow.usage("Virtual Machines Licenses", "Windows Server", "2 vCPU VM License", "1 Hour", 10),
      CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 720).chargeType("Purchase").cost(500),
      CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 5).chargeType("UnusedReservation"),
      CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 5).chargeType("UnusedSavingsPlan"),
      CostRow.usage("Storage", "Tables", "GRS Data Stored", "1 GB/Month", 1).chargeType("Refund").cost(-3),
      CostRow.usage("Storage", "Tables", "GRS Data Stored", "1 GB/Month", 1).chargeType("RoundingAdjustment").cost(0.01),
      CostRow.usage("Storage", "Tables", "GRS Data Stored", "1 GB/Month", 1).chargeType("Tax").cost(0.2),
      CostRow.usage("Storage", "Tables", "GRS Data Stored", "1 GB/Month", 1).chargeType("Credit").cost(-1));

  @Test
  void focusAndClassicExportsOfTheSameUsageGiveTheValuesWorkedOutFromTheRows() throws IOException {
    Path classicFile = write("amortized.csv", CostExportWriter.of(CostExportSchema.EA).write(ROWS));
    Path focusFile = write("focus.csv", FocusExportWriter.create().write(ROWS));

    // D2s v3: 10 h x 2 vCPU; D4s v3: 3 in "10 Hours" = 3 h x 4 vCPU (the block is a pricing block: FOCUS's
    // ConsumedQuantity is 3 hours, its PricingQuantity 0.3 blocks).
    double d2s = watts(vm("D2s v3").minWattsPerVcpu(), vm("D2s v3").maxWattsPerVcpu()) * 10 * 2 * PUE * vmRepl() / 1000;
    double d4s = watts(vm("D4s v3").minWattsPerVcpu(), vm("D4s v3").maxWattsPerVcpu()) * 3 * 4 * PUE * vmRepl() / 1000;
    double vmMem = vmMemory("D2s v3", 10) + vmMemory("D4s v3", 3);
    // 36000 in "50000 GB Seconds" = 36000 GB-seconds / 3600 = 10 GB-hours of Functions memory.
    double functions = 36000.0 / 3600 * C.memoryKwhPerGbHour() * PUE
        * CCF.replicationFactor(AZ, "Functions", "Standard Execution Time", "");
    // 100 GB-months in February (28 days), SSD (CCF's "Data Stored" list).
    double blob = 100 / 1000.0 * 24 * 28 * C.ssdWhPerTbHour() * PUE
        * CCF.replicationFactor(AZ, "Storage", "Hot LRS Data Stored", "") / 1000;
    double net = 50 * C.networkKwhPerGb() * PUE;
    // Unknown: Load Balancer GB at the kWh per GB of the known "1 GB" row; "10K" operations (no known row has
    // that unit) at the kWh per cost of all known rows, cost being the amortized cost: EffectiveCost in FOCUS,
    // where the reservation-covered VM rows have BilledCost 0.
    double knownKwh = d2s + d4s + vmMem + functions + blob + net;
    double knownCost = 0.96 + 5.76 + 1.84 + 4.35 + 0.58;
    double unknown = net / 50 * 30 + knownKwh / knownCost * 0.5;

    for (Path f : List.of(classicFile, focusFile)) {
      AzureCostResult r = sync(f, "class");
      Map<String, AzureCostGroup> c = classes(r);
      assertThat(c.get("compute").kwh()).as(f.toString()).isCloseTo(d2s + d4s, within(1e-12));
      assertThat(c.get("compute").co2eKg()).isCloseTo((d2s + d4s) * WEST_EUROPE, within(1e-12));
      assertThat(c.get("memory").kwh()).isCloseTo(vmMem + functions, within(1e-12));
      assertThat(c.get("embodied").co2eKg()).isCloseTo(embodied("D2s v3", 10) + embodied("D4s v3", 3), within(1e-12));
      assertThat(c.get("storage").kwh()).isCloseTo(blob, within(1e-12));
      assertThat(c.get("networking").kwh()).isCloseTo(net, within(1e-12));
      assertThat(c.get("networking").co2eKg()).isCloseTo(net * EAST_US, within(1e-12));
      assertThat(c.get("unknown").kwh()).isCloseTo(unknown, within(1e-12));
      assertThat(c.get("unknown").co2eKg()).isCloseTo(unknown * WEST_EUROPE, within(1e-12));
      RowAccounting a = r.accounting();
      assertThat(a.read()).isEqualTo(ROWS.size());
      assertThat(a.estimated()).isEqualTo(5);
      assertThat(a.unknown()).isEqualTo(2);
      assertThat(a.unsupported()).isEqualTo(1);
      assertThat(a.ignored()).isEqualTo(7);
    }
    AzureCostResult focus = sync(focusFile, "class");
    assertThat(focus.sources()).singleElement().satisfies(s -> {
      assertThat(s.schema()).isEqualTo(CostExportSchema.FOCUS);
      assertThat(s.rows()).isEqualTo(ROWS.size());
    });
    sameCounts(focus.accounting(), sync(classicFile, "class").accounting());
  }

  @Test
  void generatedUsageGivesTheSameGroupsAsTheClassicExportUnderEveryKeyAndInQuirksMode() throws IOException {
    List<CostRow> rows = CostExportGenerator.builder().rows(900).seed(31).build().rows();
    Path classicFile = write("ea.csv", CostExportWriter.of(CostExportSchema.EA).write(rows));
    Path focusFile = write("focus.csv.gz", FocusExportWriter.create().gzip(true).shuffleColumns(5).write(rows));
    String keys = "class,service,region,subscription,resource_group,month,meter";
    for (CcfModel model : List.of(CcfModel.builder().build(), CcfModel.builder().ccfQuirks(true).build())) {
      AzureCostResult classic = sync(classicFile, model, keys);
      AzureCostResult focus = sync(focusFile, model, keys);
      sameCounts(focus.accounting(), classic.accounting());
      assertThat(focus.groups()).hasSameSizeAs(classic.groups());
      for (int i = 0; i < classic.groups().size(); i++) {
        AzureCostGroup e = classic.groups().get(i);
        AzureCostGroup g = focus.groups().get(i);
        assertThat(g.key()).isEqualTo(e.key());
        assertThat(g.rows()).isEqualTo(e.rows());
        assertThat(g.kwh()).as(e.key().toString()).isCloseTo(e.kwh(), within(1e-9 * Math.max(1, e.kwh())));
        assertThat(g.co2eKg()).as(e.key().toString()).isCloseTo(e.co2eKg(), within(1e-9 * Math.max(1, e.co2eKg())));
      }
      assertThat(classic.totalKwh()).isPositive();
    }
    // The subscription key is the GUID the classic export carries, not FOCUS's /subscriptions/<id>.
    assertThat(sync(focusFile, "subscription").groups()).extracting(g -> g.key().get(0))
        .containsOnly("sub-a", "sub-b", "sub-c");
  }

  @Test
  void nonUsageChargesAreIgnoredWithTheirReasonAndNeverParsed() throws IOException {
    CostRow vm = CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 2);
    List<CostRow> rows = List.of(vm, vm.chargeType("Purchase"), vm.chargeType("Refund"), vm.chargeType("Tax"),
        vm.chargeType("Credit"), vm.chargeType("RoundingAdjustment"), vm.chargeType("UnusedReservation"),
        vm.chargeType("UnusedSavingsPlan"), vm);
    // Row 8 (0-based): a usage row corrected in a later period; its cost is not a number, proving it is not parsed.
    Path f = write("charges.csv", FocusExportWriter.create().override(8, "ChargeClass", "Correction")
        .override(8, "EffectiveCost", "n/a").override(1, "EffectiveCost", "").write(rows));
    AzureCostResult r = sync(f, "class");
    RowAccounting a = r.accounting();
    assertThat(a.read()).isEqualTo(rows.size());
    assertThat(a.estimated()).isEqualTo(1);
    assertThat(a.ignored()).isEqualTo(rows.size() - 1);
    assertThat(a.estimated() + a.unknown() + a.unsupported() + a.ignored()).isEqualTo(a.read());
    assertThat(a.reasons()).containsEntry(
            "ignored: FOCUS charge category Purchase (reservation, savings plan or marketplace purchase: cost, no consumption)",
            2L) // Purchase and Refund (FOCUS: Purchase with ChargeClass Correction; category is checked first)
        .containsEntry("ignored: FOCUS charge category Tax (tax: cost, no consumption)", 1L)
        .containsEntry("ignored: FOCUS charge category Credit (credit: cost, no consumption)", 1L)
        .containsEntry("ignored: FOCUS charge category Adjustment (rounding and other adjustments: cost, no consumption)", 1L)
        .containsEntry("ignored: FOCUS commitment discount status Unused (reserved capacity left unused: cost, no"
            + " consumption)", 2L)
        .containsEntry("ignored: FOCUS charge class Correction (a refund or correction of an earlier period's charge,"
            + " as the classic Refund charge type)", 1L);
    assertThat(classes(r).get("ignored").kwh()).isZero();
    // Only the one usage row: 2 h x 2 vCPU of D2s v3.
    double d2s = watts(vm("D2s v3").minWattsPerVcpu(), vm("D2s v3").maxWattsPerVcpu()) * 2 * 2 * PUE * vmRepl() / 1000;
    assertThat(classes(r).get("compute").kwh()).isCloseTo(d2s, within(1e-12));
  }

  @Test
  void badValuesNameFileLineColumnAndValue() throws IOException {
    CostRow vm = CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 1);
    List<CostRow> rows = List.of(vm, vm, vm);
    int quantityCol = FocusExportWriter.COLUMNS.indexOf("ConsumedQuantity") + 1;
    Path quantity = write("q.csv", FocusExportWriter.create().override(1, "ConsumedQuantity", "12,5").write(rows));
    CostFormatsTest.failsWith(() -> sync(quantity, "class"), CloudErrorCode.INVALID_BILL,
        quantity + ":3: column ConsumedQuantity (" + quantityCol + "): value '12,5' is not a number");

    int costCol = FocusExportWriter.COLUMNS.indexOf("EffectiveCost") + 1;
    Path cost = write("c.csv", FocusExportWriter.create().override(2, "EffectiveCost", "").write(rows));
    CostFormatsTest.failsWith(() -> sync(cost, "class"), CloudErrorCode.INVALID_BILL,
        cost + ":4: column EffectiveCost (" + costCol + "): value '' is empty; a number is expected on a usage row");

    int dateCol = FocusExportWriter.COLUMNS.indexOf("ChargePeriodStart") + 1;
    Path date = write("d.csv", FocusExportWriter.create().override(0, "ChargePeriodStart", "2025-13-45T00:00:00Z")
        .write(rows));
    CostFormatsTest.failsWith(() -> sync(date, "class"), CloudErrorCode.INVALID_BILL, date + ":2: column"
        + " ChargePeriodStart (" + dateCol + "): value '2025-13-45T00:00:00Z' is not a date-time such as 2025-01-31T00:00:00Z");

    String header = new String(FocusExportWriter.create().write(rows), StandardCharsets.UTF_8)
        .replace("x_PricingUnitDescription", "x_Unit");
    Path missing = write("m.csv", header.getBytes(StandardCharsets.UTF_8));
    CostFormatsTest.failsWith(() -> sync(missing, "class"), CloudErrorCode.UNSUPPORTED_BILL_FORMAT,
        missing + ":1: the header has no pricing unit description column (looked for x_PricingUnitDescription)");
  }

  @Test
  void aFocusPreviewFileIsRefusedNamingTheFirstColumnItLacks() throws IOException {
    // FocusCost 1.0-preview (2023) wrote Region and UsageQuantity where 1.0 writes RegionId/RegionName and ConsumedQuantity.
    String csv = new String(FocusExportWriter.create().write(List.of()), StandardCharsets.UTF_8)
        .replace("RegionId", "Region").replace(",RegionName", "").replace("ConsumedQuantity", "UsageQuantity");
    Path preview = write("preview.csv", csv.getBytes(StandardCharsets.UTF_8));
    CostFormatsTest.failsWith(() -> sync(preview, "class"), CloudErrorCode.UNSUPPORTED_BILL_FORMAT,
        preview + ":1: the header has no region column (looked for RegionId or RegionName)");
  }

  @Test
  void anUnassignedPricingUnitIsUnknownUsageEstimatedByEffectiveCost() throws IOException {
    // Microsoft's conformance summary: x_PricingUnitDescription can be "-2" or "Unassigned" when there is no value.
    CostRow vm = CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 4).cost(0.4);
    CostRow odd = CostRow.usage("Azure Monitor", "", "Data Ingestion", "1 GB", 3).cost(0.25);
    Path f = write("u.csv", FocusExportWriter.create().override(1, "x_PricingUnitDescription", "Unassigned")
        .write(List.of(vm, odd)));
    AzureCostResult r = sync(f, "class");
    // The VM is the only known row: its compute and memory kWh over its EffectiveCost (its BilledCost is 0).
    double d2s = watts(vm("D2s v3").minWattsPerVcpu(), vm("D2s v3").maxWattsPerVcpu()) * 4 * 2 * PUE * vmRepl() / 1000
        + vmMemory("D2s v3", 4);
    assertThat(classes(r).get("unknown").kwh()).isCloseTo(d2s / 0.4 * 0.25, within(1e-12));
    assertThat(r.accounting().reasons()).containsEntry("unknown: unit of measure 'Unassigned' is not one CCF estimates;"
        + " kWh per cost of all known rows (no known row has this unit)", 1L);
  }

  @Test
  void regionNameIsReadWhereRegionIdIsEmpty() throws IOException {
    CostRow net = CostRow.usage("Bandwidth", "Rtn Preference: MGN", "Standard Data Transfer Out", "1 GB", 10)
        .location("US East");
    Path f = write("r.csv", FocusExportWriter.create().override(0, "RegionId", "").write(List.of(net)));
    AzureCostResult r = sync(f, "class,region");
    String classicRegion = sync(write("r-ea.csv", CostExportWriter.of(CostExportSchema.EA).write(List.of(net))),
        "region").groups().get(0).key().get(0);
    double kwh = 10 * C.networkKwhPerGb() * PUE;
    assertThat(r.groups()).singleElement().satisfies(g -> {
      assertThat(g.key()).containsExactly("networking", classicRegion);
      assertThat(g.co2eKg()).isCloseTo(kwh * EAST_US, within(1e-12));
    });
  }
}
