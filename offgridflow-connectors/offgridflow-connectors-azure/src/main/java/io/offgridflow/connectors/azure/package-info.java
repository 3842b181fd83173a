/**
 * Azure into energy and emissions: {@link io.offgridflow.connectors.azure.AzureCostExportConnector}
 * reads Cost Management exports (EA or MCA, actual or amortized; from Blob storage or local files),
 * classifies each row by Cloud Carbon Footprint's Azure rules and aggregates the model's estimate;
 * {@link io.offgridflow.connectors.azure.AzureEmissionsConnector} reads the emissions Microsoft
 * reports itself, kept apart as a provider-reported, market-based figure.
 */
@NullMarked
package io.offgridflow.connectors.azure;

import org.jspecify.annotations.NullMarked;
