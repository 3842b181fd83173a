package io.offgridflow.calc;

import io.offgridflow.factors.GwpSet;

/**
 * Where a figure comes from, enough for an auditor to reproduce it: the factor (id, dataset,
 * edition, as published, and where in the source), its CO2e per unit under the GWP set used, and
 * whether that GWP set could be applied (factors published as CO2e only keep their publisher's).
 *
 * @param factorId stable factor id, e.g. {@code epa-egrid-2023:NWPP}
 * @param datasetId e.g. {@code epa-egrid-2023}
 * @param datasetEdition the publisher's edition label
 * @param factorName the factor's description
 * @param factorValue kg CO2e per {@code factorUnit} under {@code gwp} (or as published)
 * @param factorUnit what the factor is per, e.g. {@code MWh}, {@code USD2022}
 * @param published the factor as printed by its publisher
 * @param sourceRef cell, row or id in the publisher's file
 * @param gwp the GWP set requested
 * @param gwpApplied false when the factor is published as CO2e under another or an unstated GWP
 *     set, which cannot be restated
 */
public record Provenance(
    String factorId,
    String datasetId,
    String datasetEdition,
    String factorName,
    double factorValue,
    String factorUnit,
    String published,
    String sourceRef,
    GwpSet gwp,
    boolean gwpApplied) {}
