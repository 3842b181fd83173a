package io.offgridflow.calc;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The emissions of one activity, with everything needed to reproduce them.
 *
 * <pre>{@code
 * EmissionResult r = calculator.calculate(activity);
 * r.co2eKg();                         // location-based for Scope 2
 * r.marketBased().map(MarketBased::co2eKg);
 * r.provenance().factorId();          // e.g. epa-egrid-2023:NWPP
 * }</pre>
 *
 * @param activity the input, as given
 * @param scope where the emissions are reported
 * @param scope3Category 1-15 for Scope 3, else 0
 * @param method how the headline figure was obtained
 * @param co2eKg headline CO2e (location-based for Scope 2 electricity)
 * @param gases the gas split of {@code co2eKg}
 * @param marketBased market-based Scope 2 figure; present for electricity only
 * @param provenance the factor used
 * @param factorQuantity the activity amount in the factor's unit (after unit conversion and,
 *     for spend, deflation to the factor's price year)
 * @param note how the figure was derived, in words (unit conversions, deflation, fallbacks)
 */
public record EmissionResult(
    Activity activity,
    Scope scope,
    int scope3Category,
    Method method,
    double co2eKg,
    GasBreakdown gases,
    @Nullable MarketBased marketBased,
    Provenance provenance,
    double factorQuantity,
    String note) {

  public Optional<MarketBased> market() {
    return Optional.ofNullable(marketBased);
  }

  /** Market-based CO2e for Scope 2 electricity; for everything else the headline CO2e. */
  public double marketCo2eKg() {
    return marketBased != null ? marketBased.co2eKg() : co2eKg;
  }
}
