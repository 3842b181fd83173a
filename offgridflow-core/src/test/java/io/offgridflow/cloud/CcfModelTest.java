package io.offgridflow.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.OffGridFlowException;
import io.offgridflow.calc.Activity;
import io.offgridflow.calc.Calculator;
import io.offgridflow.calc.EmissionResult;
import io.offgridflow.calc.InvalidActivityException;
import io.offgridflow.calc.Method;
import io.offgridflow.factors.FactorCatalog;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import org.junit.jupiter.api.Test;

/**
 * The CCF formulas with the published coefficients. Each expected value is derived in the test
 * from provider_constants.csv / processors.csv / region_factors.csv numbers, arithmetic shown.
 */
class CcfModelTest {
  static final CcfDataset CCF = CcfDatasetTest.CCF;
  static final CcfModel MODEL = CcfModel.builder().dataset(CCF).build();
  static final CloudProvider AWS = CloudProvider.AWS;
  static final double EPS = 1e-12;

  @Test
  void computeUsesMinPlusUtilisationTimesRangeTimesPue() {
    // AWS defaults: min 0.74 W, max 3.5 W, utilisation 50 %, PUE 1.135
    // 1000 vCPU-h: (0.74 + 0.5 * (3.5 - 0.74)) * 1000 * 1.135 / 1000 = 2.12 * 1.135 = 2.4062 kWh
    double expected = (0.74 + 0.5 * (3.5 - 0.74)) * 1000 * 1.135 / 1000;
    assertThat(MODEL.computeKwh(AWS, "us-east-1", 1000, 1)).isCloseTo(expected, within(EPS));
    assertThat(expected).isCloseTo(2.4062, within(1e-12));
  }

  @Test
  void processorWattsComeFromTheInstanceTable() {
    // m5.large is Skylake: 0.65 / 4.26 W per vCPU; 2 vCPUs for 10 h = 20 vCPU-h
    InstanceSpec m5 = CCF.instance(AWS, "m5.large").orElseThrow();
    double expected = (0.65 + 0.5 * (4.26 - 0.65)) * 20 * 1.135 / 1000;
    assertThat(MODEL.computeKwh(AWS, "us-east-1", 20, m5.minWattsPerVcpu(), m5.maxWattsPerVcpu(), 1))
        .isCloseTo(expected, within(EPS));
  }

  @Test
  void storageNetworkMemoryFormulas() {
    // SSD 1.2 Wh/TBh, HDD 0.65 Wh/TBh, network 0.001 kWh/GB, memory 0.000392 kWh/GBh, PUE 1.135
    assertThat(MODEL.storageKwh(AWS, "r", StorageMedium.SSD, 720, 2)).isCloseTo(720 * 1.2 * 1.135 * 2 / 1000, within(EPS));
    assertThat(MODEL.storageKwh(AWS, "r", StorageMedium.HDD, 720, 1)).isCloseTo(720 * 0.65 * 1.135 / 1000, within(EPS));
    assertThat(MODEL.networkKwh(AWS, "r", 500)).isCloseTo(500 * 0.001 * 1.135, within(EPS));
    assertThat(MODEL.memoryKwh(AWS, "r", 100, 1)).isCloseTo(100 * 0.000392 * 1.135, within(EPS));
  }

  @Test
  void gcpUsesItsRegionalPueUnlessOverridden() {
    // provider_constants.csv: GCP europe-west1 PUE 1.09, fleet 1.1; GCP medians 0.68 / 4.11 W
    double w = 0.68 + 0.5 * (4.11 - 0.68);
    assertThat(MODEL.computeKwh(CloudProvider.GCP, "europe-west1", 100, 1)).isCloseTo(w * 100 * 1.09 / 1000, within(EPS));
    assertThat(MODEL.computeKwh(CloudProvider.GCP, "us-west9", 100, 1)).isCloseTo(w * 100 * 1.1 / 1000, within(EPS));
    CcfModel pue12 = CcfModel.builder().dataset(CCF)
        .coefficients(CloudProvider.GCP, CCF.coefficients(CloudProvider.GCP).withPue(1.2)).build();
    assertThat(pue12.computeKwh(CloudProvider.GCP, "europe-west1", 100, 1)).isCloseTo(w * 100 * 1.2 / 1000, within(EPS));
  }

  @Test
  void utilisationOverrideChangesEveryProvider() {
    CcfModel u20 = CcfModel.builder().dataset(CCF).cpuUtilisation(0.2).build();
    // (0.74 + 0.2 * (3.5 - 0.74)) * 10 * 1.135 / 1000
    assertThat(u20.computeKwh(AWS, "x", 10, 1)).isCloseTo((0.74 + 0.2 * 2.76) * 10 * 1.135 / 1000, within(EPS));
    assertThat(u20.coefficients(CloudProvider.AZURE).cpuUtilisation()).isEqualTo(0.2);
    assertThatThrownBy(() -> CcfModel.builder().cpuUtilisation(50)).isInstanceOf(OffGridFlowException.class)
        .hasMessageContaining("fraction");
  }

  @Test
  void embodiedScalesWithReservedVcpusUnlessCcfQuirksAreOn() {
    // aws_instance_types.csv: m5 TE 1610.3792 kg, largest m5 size 96 vCPUs, lifespan 35040 h
    InstanceSpec large = CCF.instance(AWS, "m5.large").orElseThrow();
    InstanceSpec x24 = CCF.instance(AWS, "m5.24xlarge").orElseThrow();
    assertThat(MODEL.embodiedKgCo2e(AWS, large, 10)).isCloseTo(1610.3792 * 10 / 35040 * 2 / 96, within(EPS));
    assertThat(MODEL.embodiedKgCo2e(AWS, x24, 10)).isCloseTo(1610.3792 * 10 / 35040 * 96 / 96, within(EPS));
    CcfModel quirks = CcfModel.builder().dataset(CCF).ccfQuirks(true).build();
    // CCF: usageTimePeriod = hours / vCPUs, so the vCPU ratio cancels: 1610.3792 * 10 / (35040 * 96) for both
    assertThat(quirks.embodiedKgCo2e(AWS, large, 10)).isCloseTo(1610.3792 * 10 / (35040 * 96.0), within(EPS));
    assertThat(quirks.embodiedKgCo2e(AWS, x24, 10)).isCloseTo(quirks.embodiedKgCo2e(AWS, large, 10), within(EPS));
    assertThat(quirks.methodology()).isEqualTo("ccf-2024+ccf-quirks");
    assertThat(MODEL.methodology()).isEqualTo("ccf-2024");
  }

  @Test
  void calculatorEstimatesCloudActivitiesWithCcfGridFactors() {
    Calculator calc = Calculator.builder()
        .catalog(FactorCatalog.builder().addSource(MODEL.gridFactorSource()).build())
        .cloudEnergyModel(MODEL)
        .build();
    EmissionResult r = calc.calculate(Activity.cloud("c1", Quantity.of(1000, Unit.VCPU_HOUR), "aws:eu-west-1").build());
    // 2.4062 kWh (see above) x 0.2786 kg/kWh (region_factors.csv AWS eu-west-1)
    double kwh = (0.74 + 0.5 * (3.5 - 0.74)) * 1000 * 1.135 / 1000;
    assertThat(r.co2eKg()).isCloseTo(kwh * 0.2786, within(1e-9));
    assertThat(r.method()).isEqualTo(Method.CLOUD_ESTIMATED);
    assertThat(r.note()).contains("ccf-2024");
    assertThat(r.provenance().datasetId()).isEqualTo("ccf-2024");

    // with an instance type: m5.large Skylake watts, extra memory and embodied per instance-hour
    EmissionResult m5 = calc.calculate(Activity.cloud("c2", Quantity.of(20, Unit.VCPU_HOUR), "aws:eu-west-1")
        .mode("m5.large").build());
    InstanceSpec s = CCF.instance(AWS, "m5.large").orElseThrow();
    double hours = 20 / 2.0;
    double kwh2 = (0.65 + 0.5 * (4.26 - 0.65)) * 20 * 1.135 / 1000 + s.extraMemoryGb() * hours * 0.000392 * 1.135;
    double embodied = 1610.3792 * hours / 35040 * 2 / 96;
    assertThat(m5.co2eKg()).isCloseTo(kwh2 * 0.2786 + embodied, within(1e-9));
  }

  @Test
  void storageAndNetworkActivities() {
    CcfModel.CloudEstimate gbMonth = MODEL.estimate(Activity.cloud("s", Quantity.of(1000, Unit.GB_MONTH), "aws:us-east-1")
        .mode("hdd").build());
    // 1000 GB-month = 1 TB x 730 h = 730 TB-h; x 0.65 Wh x 1.135 / 1000
    assertThat(gbMonth.kwh()).isCloseTo(730 * 0.65 * 1.135 / 1000, within(EPS));
    CcfModel.CloudEstimate net = MODEL.estimate(Activity.cloud("n", Quantity.of(200, Unit.GB), "aws:us-east-1").build());
    assertThat(net.kwh()).isCloseTo(200 * 0.001 * 1.135, within(EPS));
    assertThat(net.gridRegion()).isEqualTo("aws:us-east-1");
  }

  @Test
  void coreGridFactorsMapAwsRegionsToEgridAndEmber() {
    FactorCatalog bundled = FactorCatalog.bundled();
    CcfModel core = CcfModel.builder().dataset(CCF).coreGridFactors(bundled).build();
    assertThat(core.gridRegion(AWS, "us-west-2")).isEqualTo("US-NWPP");
    assertThat(core.gridRegion(AWS, "eu-central-1")).isEqualTo("DE");
    // The README's worked example: 2500 kWh in US-NWPP under eGRID2023 = 720.46 kg, i.e. 0.288184 kg/kWh
    assertThat(core.gridKgPerKwh(AWS, "us-west-2")).isCloseTo(720.46 / 2500, within(1e-5));
    assertThat(core.gridKgPerKwh(CloudProvider.GCP, "europe-west1")).isCloseTo(0.10337, within(1e-9));
    assertThatThrownBy(() -> core.gridRegion(AWS, "mars-north-1")).hasMessageContaining("mars-north-1");
  }

  @Test
  void badActivitiesNameTheField() {
    assertThatThrownBy(() -> MODEL.estimate(Activity.cloud("x", Quantity.of(1, Unit.VCPU_HOUR), "us-east-1").build()))
        .isInstanceOf(InvalidActivityException.class).hasMessageContaining("provider:region");
    assertThatThrownBy(() -> MODEL.estimate(Activity.cloud("x", Quantity.of(1, Unit.VCPU_HOUR), "aws:us-east-1")
        .mode("zz9.huge").build())).isInstanceOf(InvalidActivityException.class).hasMessageContaining("zz9.huge");
  }
}
