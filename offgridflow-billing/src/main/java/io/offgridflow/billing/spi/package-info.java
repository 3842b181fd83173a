/** State SPIs of the billing module: tenant billing state, processed webhook events and the usage outbox. */
@NullMarked
package io.offgridflow.billing.spi;

import org.jspecify.annotations.NullMarked;
