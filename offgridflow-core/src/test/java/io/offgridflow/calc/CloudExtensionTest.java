package io.offgridflow.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offgridflow.calc.spi.CloudEnergyModel;
import io.offgridflow.units.Quantity;
import io.offgridflow.units.Unit;
import org.junit.jupiter.api.Test;

/** The cloud extension point: a model turns usage into energy, the calculator applies the grid. */
class CloudExtensionTest {

  /** A deliberately simple model: 3.5 W per vCPU (average), PUE 1.1, 0.002 kg embodied per vCPU-hour. */
  static final class FlatModel implements CloudEnergyModel {
    @Override
    public String methodology() {
      return "test-flat-1";
    }

    @Override
    public CloudEstimate estimate(Activity activity) {
      double vcpuHours = activity.requireQuantity().valueIn(Unit.VCPU_HOUR);
      return new CloudEstimate(vcpuHours * 3.5 / 1000 * 1.1, vcpuHours * 0.002, activity.region().orElseThrow(),
          vcpuHours + " vCPU-h x 3.5 W x PUE 1.1");
    }
  }

  @Test
  void modelEnergyIsMultipliedByTheRegionGridAndEmbodiedIsAdded() {
    Calculator calc = Calculator.builder().cloudEnergyModel(new FlatModel()).build();
    EmissionResult r = calc.calculate(Activity.cloud("c1", Quantity.of(1000, Unit.VCPU_HOUR), "gcp:europe-west1").build());
    // 1000 vCPU-h x 3.5 W x 1.1 = 3.85 kWh; x 103.37 g/kWh (Google 2024 europe-west1); + 1000 x 0.002 kg embodied
    double expected = 3.85 * 103.37 / 1000 + 2.0;
    assertThat(r.co2eKg()).isCloseTo(expected, within(expected * 1e-9));
    assertThat(r.method()).isEqualTo(Method.CLOUD_ESTIMATED);
    assertThat(r.note()).contains("test-flat-1");
    assertThat(r.provenance().datasetId()).isEqualTo("gcp-2024");
  }
}
