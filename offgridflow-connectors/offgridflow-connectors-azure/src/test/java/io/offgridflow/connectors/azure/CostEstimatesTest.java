package io.offgridflow.connectors.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.cloud.CcfDataset;
import io.offgridflow.cloud.CcfModel;
import io.offgridflow.cloud.CloudCoefficients;
import io.offgridflow.cloud.CloudProvider;
import io.offgridflow.cloud.InstanceSpec;
import io.offgridflow.cloud.SyncContext;
import io.offgridflow.connectors.azure.fixtures.CostExportWriter;
import io.offgridflow.connectors.azure.fixtures.CostRow;
import io.offgridflow.connectors.azure.fixtures.FocusExportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hand-written EA export whose every expected number is derived here from the bundled ccf-2024
 * data (provider constants, Azure VM table, replication rules, region grid factors) with CCF's
 * formulas written out: compute = (min + u x (max - min)) W x vCPU-h x PUE x replication / 1000,
 * storage = TB-h x Wh/TBh x PUE x replication / 1000, network = GB x kWh/GB x PUE,
 * memory = GB-h x kWh/GBh x PUE x replication, embodied = TE x h / lifespan x vCPUs / largest vCPUs.
 */
class CostEstimatesTest {
  static final CloudProvider AZ = CloudProvider.AZURE;
  static final CcfDataset CCF = CcfDataset.load();
  static final CloudCoefficients C = CCF.coefficients(AZ);
  static final double PUE = C.pue();
  static final double U = C.cpuUtilisation();
  static final double WEST_EUROPE = CCF.gridKgPerKwh(AZ, "westeurope");
  static final double EAST_US = CCF.gridKgPerKwh(AZ, "EastUS");
  static final LocalDate JAN = LocalDate.of(2025, 1, 15);
  static final LocalDate FEB = LocalDate.of(2025, 2, 15);

  static final List<CostRow> ROWS = List.of(
      CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 10),
      CostRow.usage("Virtual Machines", "Dsv3 Series", "D4s v3", "10 Hours", 3),
      CostRow.usage("Virtual Machines", "NC Series", "NC6", "100 Hours", 0.5),
      CostRow.usage("Storage", "Premium SSD Managed Disks", "P10 LRS Disk", "1/Month", 0.5),
      CostRow.usage("Storage", "Standard HDD Managed Disks", "S10 LRS Disk", "1/Month", 0.25),
      CostRow.usage("Storage", "General Block Blob v2", "Hot LRS Data Stored", "1 GB/Month", 100).date(FEB),
      CostRow.usage("Storage", "Tables", "GRS Data Stored", "100 GB/Month", 2),
      CostRow.usage("Bandwidth", "Rtn Preference: MGN", "Standard Data Transfer Out", "1 GB", 50).location("US East"),
      CostRow.usage("Bandwidth", "Rtn Preference: MGN", "Standard Data Transfer Out", "1 TB", 0.02),
      CostRow.usage("Functions", "", "Standard Execution Time", "50000 GB Seconds", 36000),
      CostRow.usage("Redis Cache", "Standard", "C1 Cache Instance", "1 Hour", 24),
      CostRow.usage("Load Balancer", "Standard", "Standard Data Processed", "1 GB", 30).cost(0.15),
      CostRow.usage("Storage", "Tables", "Batch Write Operations", "10K", 4).cost(0.5),
      CostRow.usage("Virtual Machines Licenses", "Windows Server", "2 vCPU VM License", "1 Hour", 10),
      CostRow.usage("Bandwidth", "Inter-Region", "Inter Continent Data Transfer Out - NAM or EU To Any", "1 GB", 9),
      CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 720).chargeType("Purchase").cost(500),
      CostRow.usage("Virtual Machines", "Dsv3 Series", "D2s v3", "1 Hour", 5).chargeType("UnusedReservation"),
      CostRow.usage("Storage", "Tables", "GRS Data Stored", "1 GB/Month", 1).chargeType("Refund").cost(-3));

  static Path file;
  static AzureCostResult byClass;

  @BeforeAll
  static void run(@TempDir Path dir) throws IOException {
    file = dir.resolve("costs.csv");
    Files.write(file, CostExportWriter.of(CostExportSchema.EA).write(ROWS));
    byClass = sync(CcfModel.builder().build(), List.of(AzureGroupKey.CLASS));
  }

  static AzureCostResult sync(CcfModel model, List<AzureGroupKey> groupBy) {
    return AzureCostExportConnector.builder().file(file).model(model).groupBy(groupBy).build()
        .sync(SyncContext.builder().build());
  }

  static Map<String, AzureCostGroup> classes(AzureCostResult r) {
    return r.groups().stream().collect(Collectors.toMap(g -> g.key().get(0), g -> g));
  }

  static InstanceSpec vm(String type) {
    return CCF.instance(AZ, type).orElseThrow();
  }

  static double watts(double min, double max) {
    return min + U * (max - min);
  }

  static double vmRepl() {
    return CCF.replicationFactor(AZ, "Virtual Machines", "D2s v3", "");
  }

  // The quantity is in the unit's base unit; "10 Hours" and "100 Hours" are pricing blocks, not factors.
  // D2s v3: 10 instance-hours x 2 vCPU; D4s v3: 3 in "10 Hours" = 3 h x 4 vCPU; NC6: 0.5 in "100 Hours" = 0.5 h x
  // (6 vCPU + 1 GPU)
  static final double D2S = watts(vm("D2s v3").minWattsPerVcpu(), vm("D2s v3").maxWattsPerVcpu()) * 10 * 2 * PUE * vmRepl() / 1000;
  static final double D4S = watts(vm("D4s v3").minWattsPerVcpu(), vm("D4s v3").maxWattsPerVcpu()) * 3 * 4 * PUE * vmRepl() / 1000;
  static final double NC6 = (watts(vm("NC6").minWattsPerVcpu(), vm("NC6").maxWattsPerVcpu()) * 0.5 * 6
      + watts(vm("NC6").gpuMinWatts(), vm("NC6").gpuMaxWatts()) * 0.5 * 1) * PUE * vmRepl() / 1000;
  // P10 = 128 GB, 0.5 disk-months of January (31 days); S10 = 128 GB (HDD), 0.25 disk-months
  static final double P10 = 128 / 1000.0 * 0.5 * 24 * 31 * C.ssdWhPerTbHour() * PUE
      * CCF.replicationFactor(AZ, "Storage", "P10 LRS Disk", "") / 1000;
  static final double S10 = 128 / 1000.0 * 0.25 * 24 * 31 * C.hddWhPerTbHour() * PUE
      * CCF.replicationFactor(AZ, "Storage", "S10 LRS Disk", "") / 1000;
  // 100 GB-months in February (28 days); 2 in "100 GB/Month" = 2 GB-months in January
  static final double BLOB = 100 / 1000.0 * 24 * 28 * C.ssdWhPerTbHour() * PUE
      * CCF.replicationFactor(AZ, "Storage", "Hot LRS Data Stored", "") / 1000;
  static final double TABLE = 2 / 1000.0 * 24 * 31 * C.ssdWhPerTbHour() * PUE
      * CCF.replicationFactor(AZ, "Storage", "GRS Data Stored", "") / 1000;
  static final double NET_EAST_US = 50 * C.networkKwhPerGb() * PUE;
  static final double NET_TB = 0.02 * 1000 * C.networkKwhPerGb() * PUE;
  // 36000 in "50000 GB Seconds" = 36000 GB-s / 3600 = 10 GB-h; C1 cache 1 GB (CACHE_MEMORY_GB) x 24 h, Redis
  // replicated (CCF: 2)
  static final double FUNCTIONS = 36000.0 / 3600 * C.memoryKwhPerGbHour() * PUE
      * CCF.replicationFactor(AZ, "Functions", "Standard Execution Time", "");
  static final double CACHE = 1 * 24 * C.memoryKwhPerGbHour() * PUE
      * CCF.replicationFactor(AZ, "Redis Cache", "C1 Cache Instance", "");

  static double vmMemory(String type, double hours) {
    return vm(type).extraMemoryGb() * hours * C.memoryKwhPerGbHour() * PUE * vmRepl();
  }

  static double embodied(String type, double hours) {
    InstanceSpec s = vm(type);
    return s.embodiedKgCo2e() * hours / C.serverLifespanHours() * s.vcpus() / s.largestVcpusInFamily();
  }

  @Test
  void computeIsVcpuHoursAtTheSeriesWattsWithBlockUnitsAndGpus() {
    AzureCostGroup compute = classes(byClass).get("compute");
    assertThat(compute.kwh()).isCloseTo(D2S + D4S + NC6, within(1e-12));
    assertThat(compute.co2eKg()).isCloseTo((D2S + D4S + NC6) * WEST_EUROPE, within(1e-12));
    assertThat(compute.rows()).isEqualTo(3);
  }

  @Test
  void memoryIsVmMemoryBeyondTheCpuCoefficientPlusMemoryMetersAndCache() {
    double vms = vmMemory("D2s v3", 10) + vmMemory("D4s v3", 3) + vmMemory("NC6", 0.5);
    assertThat(vms).isPositive();
    assertThat(classes(byClass).get("memory").kwh()).isCloseTo(vms + FUNCTIONS + CACHE, within(1e-12));
  }

  @Test
  void embodiedScalesWithTheVmShareOfTheServer() {
    double expected = embodied("D2s v3", 10) + embodied("D4s v3", 3) + embodied("NC6", 0.5);
    assertThat(expected).isPositive();
    assertThat(classes(byClass).get("embodied").co2eKg()).isCloseTo(expected, within(1e-12));
    assertThat(classes(byClass).get("embodied").kwh()).isZero();
  }

  @Test
  void storageReadsDiskTiersSubcategoriesAndGbMonthsOverTheDaysOfTheMonth() {
    assertThat(classes(byClass).get("storage").kwh()).isCloseTo(P10 + S10 + BLOB + TABLE, within(1e-12));
    assertThat(classes(byClass).get("storage").rows()).isEqualTo(4);
  }

  @Test
  void networkingIsGbTransferredAtTheRegionsGridFactor() {
    AzureCostGroup net = classes(byClass).get("networking");
    assertThat(net.kwh()).isCloseTo(NET_EAST_US + NET_TB, within(1e-12));
    assertThat(net.co2eKg()).isCloseTo(NET_EAST_US * EAST_US + NET_TB * WEST_EUROPE, within(1e-12));
  }

  @Test
  void unknownUsageScalesFromKnownRowsOfTheSameUnitElseFromCost() {
    // Load Balancer GB: no known Load Balancer row, so the kWh per GB of all known "1 GB" rows (the 50 GB transfer).
    double perGb = NET_EAST_US / 50;
    // "10K" operations: no known row has that unit, so kWh per cost of all known rows (cost 1 each, 11 rows).
    double knownKwh = D2S + D4S + NC6 + vmMemory("D2s v3", 10) + vmMemory("D4s v3", 3) + vmMemory("NC6", 0.5) + P10 + S10
        + BLOB + TABLE + NET_EAST_US + NET_TB + FUNCTIONS + CACHE;
    double perCost = knownKwh / 11;
    AzureCostGroup unknown = classes(byClass).get("unknown");
    assertThat(unknown.kwh()).isCloseTo(perGb * 30 + perCost * 0.5, within(1e-12));
    assertThat(unknown.rows()).isEqualTo(2);
    assertThat(byClass.accounting().reasons()).containsEntry(
        "unknown: meter category 'Load Balancer' (CCF UNKNOWN_SERVICES); kWh per quantity of known rows with the same unit", 1L);
  }

  @Test
  void everyRowIsAccountedForWithAReason() {
    var a = byClass.accounting();
    assertThat(a.read()).isEqualTo(ROWS.size());
    assertThat(a.estimated()).isEqualTo(11);
    assertThat(a.unknown()).isEqualTo(2);
    assertThat(a.unsupported()).isEqualTo(2);
    assertThat(a.ignored()).isEqualTo(3);
    assertThat(a.reasons()).containsEntry("unsupported: meter name contains 'License' (CCF UNSUPPORTED_USAGE_TYPES)", 1L)
        .containsEntry("unsupported: data meter is not one of CCF's networking types (CCF leaves it without an estimate)", 1L)
        .containsEntry("ignored: charge type Purchase (reservation, savings plan or marketplace purchase: cost, no consumption)", 1L)
        .containsEntry("ignored: charge type UnusedReservation (reserved capacity left unused: cost, no consumption)", 1L)
        .containsEntry("ignored: charge type Refund (reservation, savings plan or marketplace purchase: cost, no consumption)", 1L);
    assertThat(classes(byClass).get("ignored").kwh()).isZero();
  }

  @Test
  void totalsAgreeWhateverTheGrouping() {
    AzureCostResult byAll = sync(CcfModel.builder().build(), AzureGroupKey.parseList(
        "service,region,subscription,resource_group,month,day,meter"));
    assertThat(byAll.totalKwh()).isCloseTo(byClass.totalKwh(), within(1e-12));
    assertThat(byAll.totalCo2eKg()).isCloseTo(byClass.totalCo2eKg(), within(1e-12));
    assertThat(byAll.groups().stream().mapToLong(AzureCostGroup::rows).sum()).isEqualTo(ROWS.size());
    assertThat(byAll.groups()).anySatisfy(g -> assertThat(g.key()).containsExactly("Storage", "westeurope", "sub-a",
        "rg-app", "2025-02", "2025-02-15", "Hot LRS Data Stored"));
    assertThat(byAll.groups()).anySatisfy(g -> assertThat(g.key().get(1)).isEqualTo("EastUS"));
  }

  @Test
  void ccfQuirksReproduceCcfsReadingOfUnitsAndStorage() {
    AzureCostResult ccf = sync(CcfModel.builder().ccfQuirks(true).build(), List.of(AzureGroupKey.CLASS));
    // CCF takes a quantity in "10 Hours" and "100 Hours" as hours, as the default does: 3 h x 4 vCPU and
    // 0.5 h x (6 vCPU + 1 GPU), so both modes give the same compute.
    double d4s = watts(vm("D4s v3").minWattsPerVcpu(), vm("D4s v3").maxWattsPerVcpu()) * 3 * 4 * PUE * vmRepl() / 1000;
    double nc6 = (watts(vm("NC6").minWattsPerVcpu(), vm("NC6").maxWattsPerVcpu()) * 0.5 * 6
        + watts(vm("NC6").gpuMinWatts(), vm("NC6").gpuMaxWatts()) * 0.5) * PUE * vmRepl() / 1000;
    assertThat(classes(ccf).get("compute").kwh()).isCloseTo(D2S + d4s + nc6, within(1e-12))
        .isCloseTo(classes(byClass).get("compute").kwh(), within(1e-12));
    // CCF reads each storage row as one day: disks by size x 24 h, GB-months as GB x 24 h. Its SSD test runs
    // first and "LRS" is on its SSD list, so the S10 standard HDD disk counts as SSD (CCF's own code then fails
    // to size it; its size is taken from the HDD table here).
    double p10 = 128 / 1000.0 * 24 * C.ssdWhPerTbHour() * PUE * CCF.replicationFactor(AZ, "Storage", "P10 LRS Disk", "") / 1000;
    double s10 = 128 / 1000.0 * 24 * C.ssdWhPerTbHour() * PUE * CCF.replicationFactor(AZ, "Storage", "S10 LRS Disk", "") / 1000;
    double blob = 100 / 1000.0 * 24 * C.ssdWhPerTbHour() * PUE * CCF.replicationFactor(AZ, "Storage", "Hot LRS Data Stored", "") / 1000;
    double table = 2 / 1000.0 * 24 * C.ssdWhPerTbHour() * PUE * CCF.replicationFactor(AZ, "Storage", "GRS Data Stored", "") / 1000;
    assertThat(classes(ccf).get("storage").kwh()).isCloseTo(p10 + s10 + blob + table, within(1e-12));
  }

  /**
   * Regression, modelled on a real Consumption API row (Azure/azure-powershell#10383): one VM for one
   * day is quantity 24 in {@code 1000 Hours} for 0.19 EUR, i.e. 24 hours. Earlier versions multiplied
   * the quantity by the unit's block and read 24,000 hours (1000x). A {@code 100 GB/Month} storage row,
   * a {@code 10 GB} transfer row and a {@code 50000 GB Seconds} Functions row are likewise read in base
   * units (GB-months, GB, GB-seconds); CCF reads them the same way, and so does the FOCUS path
   * ({@code ConsumedQuantity} with {@code x_PricingUnitDescription}).
   */
  @Test
  void blockUnitsArePricingBlocksAndTheQuantityIsInBaseUnits(@TempDir Path dir) throws IOException {
    List<CostRow> rows = List.of(
        CostRow.usage("Virtual Machines", "BS Series", "B1s", "1000 Hours", 24).cost(0.19),
        CostRow.usage("Storage", "Tables", "GRS Data Stored", "100 GB/Month", 50).cost(3),
        CostRow.usage("Bandwidth", "Rtn Preference: MGN", "Standard Data Transfer Out", "10 GB", 7.5).cost(0.65),
        CostRow.usage("Functions", "", "Standard Execution Time", "50000 GB Seconds", 36000).cost(0.58));
    Path ea = Files.write(dir.resolve("blocks.csv"), CostExportWriter.of(CostExportSchema.EA).write(rows));
    Path focus = Files.write(dir.resolve("blocks-focus.csv"), FocusExportWriter.create().write(rows));

    // 24 in "1000 Hours": 24 instance-hours (not 24 x 1000) x the B1s's vCPUs from CCF's VM table.
    InstanceSpec b1s = vm("B1s");
    double vmRepl = CCF.replicationFactor(AZ, "Virtual Machines", "B1s", "");
    double compute = watts(b1s.minWattsPerVcpu(), b1s.maxWattsPerVcpu()) * 24 * b1s.vcpus() * PUE * vmRepl / 1000;
    double vmMemory = b1s.extraMemoryGb() * 24 * C.memoryKwhPerGbHour() * PUE * vmRepl;
    // 50 in "100 GB/Month": 50 GB-months (not 5,000) over January's 31 days; GRS Data Stored is SSD (CCF's list).
    double table = 50 / 1000.0 * 24 * 31 * C.ssdWhPerTbHour() * PUE
        * CCF.replicationFactor(AZ, "Storage", "GRS Data Stored", "") / 1000;
    // 7.5 in "10 GB": 7.5 GB transferred (not 75).
    double net = 7.5 * C.networkKwhPerGb() * PUE;
    // 36000 in "50000 GB Seconds": 36000 GB-seconds / 3600 = 10 GB-hours (not 500,000).
    double functions = 36000 / 3600.0 * C.memoryKwhPerGbHour() * PUE
        * CCF.replicationFactor(AZ, "Functions", "Standard Execution Time", "");

    for (Path f : List.of(ea, focus)) {
      AzureCostResult r = AzureCostExportConnector.builder().file(f).groupBy(List.of(AzureGroupKey.CLASS)).build()
          .sync(SyncContext.builder().build());
      Map<String, AzureCostGroup> c = classes(r);
      assertThat(c.get("compute").kwh()).as(f.toString()).isCloseTo(compute, within(1e-12));
      assertThat(c.get("compute").co2eKg()).isCloseTo(compute * WEST_EUROPE, within(1e-12));
      assertThat(c.get("memory").kwh()).isCloseTo(vmMemory + functions, within(1e-12));
      assertThat(c.get("embodied").co2eKg()).isCloseTo(embodied("B1s", 24), within(1e-12));
      assertThat(c.get("storage").kwh()).isCloseTo(table, within(1e-12));
      assertThat(c.get("networking").kwh()).isCloseTo(net, within(1e-12));
      assertThat(r.accounting().estimated()).isEqualTo(rows.size());
      assertThat(r.accounting().reasons()).containsEntry("estimated: compute (B1s, " + b1s.vcpus() + " vCPU)", 1L);
    }

    // ccfQuirks(true): CCF takes the quantity as is, so compute, memory and networking are the same; storage
    // differs only by CCF's one-day reading of GB-months (50 GB x 24 h).
    Map<String, AzureCostGroup> ccf = classes(AzureCostExportConnector.builder().file(ea)
        .model(CcfModel.builder().ccfQuirks(true).build()).groupBy(List.of(AzureGroupKey.CLASS)).build()
        .sync(SyncContext.builder().build()));
    assertThat(ccf.get("compute").kwh()).isCloseTo(compute, within(1e-12));
    assertThat(ccf.get("memory").kwh()).isCloseTo(vmMemory + functions, within(1e-12));
    assertThat(ccf.get("networking").kwh()).isCloseTo(net, within(1e-12));
    assertThat(ccf.get("storage").kwh()).isCloseTo(50 / 1000.0 * 24 * C.ssdWhPerTbHour() * PUE
        * CCF.replicationFactor(AZ, "Storage", "GRS Data Stored", "") / 1000, within(1e-12));
  }
}
