/**
 * Cloud energy and emissions: the Cloud-Carbon-Footprint-compatible energy model ({@link
 * io.offgridflow.cloud.CcfModel}, methodology {@code ccf-2024}) and the common shape of cloud
 * connectors ({@link io.offgridflow.cloud.Connector}, checkpoints, progress, cancellation, row
 * accounting). No SDK dependencies: provider SDKs live in the {@code offgridflow-connectors-*}
 * artifacts.
 */
@NullMarked
package io.offgridflow.cloud;

import org.jspecify.annotations.NullMarked;
