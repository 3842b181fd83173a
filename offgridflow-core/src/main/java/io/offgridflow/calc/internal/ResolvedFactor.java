package io.offgridflow.calc.internal;

import io.offgridflow.calc.Provenance;
import io.offgridflow.factors.EmissionFactor;
import org.jspecify.annotations.Nullable;

/**
 * A factor matched to an activity shape (kind, subject, region, unit, dataset, GWP set), with
 * everything the hot path needs precomputed.
 *
 * @param factor the factor
 * @param toFactorUnit multiplier from the activity's unit to the factor's unit
 * @param co2ePerFactorUnit kg CO2e per factor unit under the requested GWP set
 * @param provenance shared by every result that uses this resolution
 * @param residualMix a catalog residual-mix factor for the region (electricity only), or null
 * @param note how a result using this resolution is derived
 */
public record ResolvedFactor(
    EmissionFactor factor,
    double toFactorUnit,
    double co2ePerFactorUnit,
    Provenance provenance,
    @Nullable ResolvedFactor residualMix,
    String note) {}
