/** Extension points of cloud connectors: where sync checkpoints are kept. */
@NullMarked
package io.offgridflow.cloud.spi;

import org.jspecify.annotations.NullMarked;
