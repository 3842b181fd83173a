package io.offgridflow.factors.internal;

import io.offgridflow.factors.CpiTable;
import io.offgridflow.factors.GwpSet;
import io.offgridflow.factors.GwpTable;
import io.offgridflow.factors.spi.FactorSource;
import java.util.List;
import java.util.Map;

/**
 * Everything bundled in the core's resources: one factor source per dataset, the IPCC GWP tables
 * (refrigerant blends included) and the CPI table.
 */
public record BundledData(List<FactorSource> sources, Map<GwpSet, GwpTable> gwp, CpiTable cpi) {}
