/**
 * Google Cloud BigQuery exports into OffGridFlow: {@link
 * io.offgridflow.connectors.gcp.GcpCarbonFootprintConnector} reads the provider-reported Carbon
 * Footprint export (scope 1, scope 2 location- and market-based, scope 3) and {@link
 * io.offgridflow.connectors.gcp.GcpBillingExportConnector} estimates the standard usage cost export
 * through the CCF-compatible {@link io.offgridflow.cloud.CcfModel}. Both take the host's own {@code
 * BigQuery} client, sync incrementally with one checkpoint per month or day, and never count a
 * partition twice.
 */
@NullMarked
package io.offgridflow.connectors.gcp;

import org.jspecify.annotations.NullMarked;
