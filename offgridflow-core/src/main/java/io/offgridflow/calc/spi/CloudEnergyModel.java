package io.offgridflow.calc.spi;

import io.offgridflow.calc.Activity;

/**
 * Turns cloud usage (vCPU-hours, GB-hours, GB-months, GB transferred) into energy and embodied
 * emissions. The connectors module supplies a Cloud-Carbon-Footprint-compatible model; a host may
 * plug its own. Without a model, the calculator accepts cloud activities only as metered energy.
 *
 * <pre>{@code
 * Calculator calc = Calculator.builder().cloudEnergyModel(myModel).build();
 * }</pre>
 */
public interface CloudEnergyModel {

  /** Versioned methodology id reported in results, e.g. {@code ccf-2024}. */
  String methodology();

  /**
   * Estimates one cloud activity. Called for cloud activities whose quantity is not energy.
   *
   * @throws io.offgridflow.OffGridFlowException when the usage cannot be estimated
   */
  CloudEstimate estimate(Activity activity);

  /**
   * Energy drawn from the grid (already including PUE) and embodied emissions.
   *
   * @param kwh operational energy at the data centre meter
   * @param embodiedCo2eKg manufacturing emissions amortised over this usage (0 if none)
   * @param gridRegion region whose grid factor applies, e.g. {@code gcp:europe-west1} or {@code US-RFCE}
   * @param description how the estimate was made, for the result's note
   */
  record CloudEstimate(double kwh, double embodiedCo2eKg, String gridRegion, String description) {}
}
