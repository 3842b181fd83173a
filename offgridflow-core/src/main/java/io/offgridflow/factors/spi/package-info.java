/** Service-provider interfaces through which a host adds its own factors. */
@NullMarked
package io.offgridflow.factors.spi;

import org.jspecify.annotations.NullMarked;
