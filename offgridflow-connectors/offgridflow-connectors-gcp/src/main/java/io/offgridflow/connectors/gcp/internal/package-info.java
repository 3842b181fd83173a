/** Implementation of the GCP connectors; not API, may change without notice. */
@NullMarked
package io.offgridflow.connectors.gcp.internal;

import org.jspecify.annotations.NullMarked;
