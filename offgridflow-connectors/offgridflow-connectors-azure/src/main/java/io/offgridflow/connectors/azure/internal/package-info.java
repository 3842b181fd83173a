/** Export layout, CSV reading, classification and aggregation. Not API: may change without notice. */
@NullMarked
package io.offgridflow.connectors.azure.internal;

import org.jspecify.annotations.NullMarked;
